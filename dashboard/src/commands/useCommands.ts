import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Schemas, unwrap } from '../api/client';

export type Command = Schemas['CommandResponse'];

/** The newest commands of a device, newest first (the gateway's order). */
export function useDeviceCommands(deviceId: string) {
  return useQuery({
    queryKey: ['commands', deviceId],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/commands', { params: { query: { deviceId, limit: 20 } }, signal })),
  });
}

/** What the operator typed into the command form. */
export interface CommandDraft {
  commandType: string;
  /** JSON text of the parameters object; empty for none. */
  parameters: string;
  /** Seconds until expiry, 1 to 86 400. */
  expiresIn: number;
}

/**
 * Parses the parameters typed as JSON.
 *
 * @param text the text; empty or blank means no parameters
 * @returns the object, or an explanation when the text is not one JSON object
 */
export function parseParameters(text: string): { value?: Record<string, unknown>; problem?: string } {
  if (text.trim() === '') {
    return { value: {} };
  }
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      return { value: value as Record<string, unknown> };
    }
  } catch {
    // explained below
  }
  return { problem: 'Parameters must be one JSON object, such as {"interval": 60}.' };
}

/** A command ID the gateway accepts (`[A-Za-z0-9][A-Za-z0-9._-]{0,63}`), random so that two tabs never collide. */
export function newCommandId(): string {
  return `ui-${crypto.randomUUID()}`;
}

/** Issues a command to a device (operators whose grants cover it), then reloads the device's commands. */
export function useIssueCommand(deviceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ draft, parameters, commandId }: { draft: CommandDraft; parameters: object; commandId: string }) =>
      unwrap(
        api.POST('/api/v1/commands', {
          body: {
            commandId,
            deviceId,
            commandType: draft.commandType.trim(),
            // The OpenAPI document describes Jackson's JsonNode class here rather than "any JSON"; the wire format is
            // the plain object.
            parameters: parameters as unknown as Schemas['JsonNode'],
            expiresIn: draft.expiresIn,
          },
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['commands', deviceId] }),
  });
}
