import { describe, expect, it } from 'vitest';
import { liveUrl, parseLiveMessage, reconnectDelay } from './live';

describe('parseLiveMessage', () => {
  it('reads_a_device_event_with_its_data', () => {
    const event = parseLiveMessage(
      '{"type":"command","deviceId":"d-17","ownerMsp":"Org1MSP","timestamp":1733580000123,' +
        '"data":{"commandId":"c-1","state":"SUCCEEDED"}}',
    );

    expect(event).toEqual({
      type: 'command',
      deviceId: 'd-17',
      ownerMsp: 'Org1MSP',
      timestamp: 1733580000123,
      data: { commandId: 'c-1', state: 'SUCCEEDED' },
    });
  });

  it('gives_an_event_without_data_an_empty_one', () => {
    expect(parseLiveMessage('{"type":"connectivity","deviceId":"d-1","timestamp":1}')?.data).toEqual({});
  });

  it('ignores_control_messages_and_malformed_frames', () => {
    expect(parseLiveMessage('{"type":"ready","timestamp":1,"data":{"sessionId":"s"}}')).toBeNull();
    expect(parseLiveMessage('{"type":"dropped","timestamp":1,"data":{"count":3,"total":3}}')).toBeNull();
    expect(parseLiveMessage('not json')).toBeNull();
    expect(parseLiveMessage('[1,2]')).toBeNull();
    expect(parseLiveMessage('null')).toBeNull();
  });
});

describe('reconnectDelay', () => {
  it('doubles_from_one_second_up_to_thirty', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 40].map(reconnectDelay)).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000,
    ]);
  });
});

describe('liveUrl', () => {
  it('uses_the_pages_origin_with_ws_or_wss_and_the_token_in_the_query', () => {
    expect(liveUrl('http://127.0.0.1:8080', 'a.b.c')).toBe('ws://127.0.0.1:8080/ws/events?access_token=a.b.c');
    expect(liveUrl('https://gw.example', 'x')).toBe('wss://gw.example/ws/events?access_token=x');
  });
});
