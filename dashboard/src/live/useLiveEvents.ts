import { useEffect, useRef } from 'react';
import { type LiveEvent, live } from './live';

/** Which live events a component wants; absent fields mean all. */
export interface LiveSelection {
  deviceId?: string;
  types?: readonly string[];
}

/**
 * Calls `onEvent` for each live event matching the selection, and `onReconnect` (when given) after the connection
 * came back, when events may have been missed. The handlers may change between renders without reconnecting.
 */
export function useLiveEvents(
  onEvent: (event: LiveEvent) => void,
  selection: LiveSelection = {},
  onReconnect?: () => void,
): void {
  const handlers = useRef({ onEvent, onReconnect });
  handlers.current = { onEvent, onReconnect };
  const { deviceId } = selection;
  const types = selection.types?.join(',');
  useEffect(() => {
    const wanted = types ? new Set(types.split(',')) : null;
    return live.subscribe(
      (event) => {
        if ((!deviceId || event.deviceId === deviceId) && (!wanted || wanted.has(event.type))) {
          handlers.current.onEvent(event);
        }
      },
      () => handlers.current.onReconnect?.(),
    );
  }, [deviceId, types]);
}
