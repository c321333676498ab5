import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { may } from '../auth/roles';
import { useSession } from '../auth/useSession';
import { ErrorNotice } from '../common/ErrorNotice';
import { useLiveEvents } from '../live/useLiveEvents';
import { CommandList } from './CommandList';
import { type CommandDraft, newCommandId, parseParameters, useDeviceCommands, useIssueCommand } from './useCommands';

/** Command types offered as suggestions (the demo's and the usual reboot); the operator's grants decide what is allowed. */
const KNOWN_TYPES = ['set-sampling-interval', 'reboot'];

/**
 * The device's commands: a form to issue one (operators; the gateway checks their grants) and the latest commands,
 * whose lifecycle ISSUED → DELIVERED → SUCCEEDED/FAILED/REJECTED/EXPIRED updates live from `/ws/events`, each step
 * with its transaction, and the receipt the device signed.
 */
export function CommandPanel({ deviceId }: { deviceId: string }) {
  const role = useSession()?.user.role;
  const queryClient = useQueryClient();
  const commands = useDeviceCommands(deviceId);
  const reload = () => void queryClient.invalidateQueries({ queryKey: ['commands', deviceId] });
  useLiveEvents(reload, { deviceId, types: ['command'] }, reload);
  return (
    <section aria-labelledby="commands-title">
      <h2 id="commands-title">Commands</h2>
      {may(role, 'commands.issue') && <IssueForm deviceId={deviceId} />}
      {commands.error && <ErrorNotice error={commands.error} title="Commands could not be loaded" />}
      {commands.data && <CommandList commands={commands.data.commands} />}
    </section>
  );
}

function IssueForm({ deviceId }: { deviceId: string }) {
  const [draft, setDraft] = useState<CommandDraft>({ commandType: '', parameters: '', expiresIn: 3600 });
  const [problem, setProblem] = useState<string>();
  const issue = useIssueCommand(deviceId);

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = parseParameters(draft.parameters);
    setProblem(parsed.problem);
    if (parsed.value) {
      issue.mutate({ draft, parameters: parsed.value, commandId: newCommandId() });
    }
  }

  return (
    <form className="command-form" onSubmit={submit} aria-label="Issue a command">
      <label>
        Command type
        <input
          required
          list="command-types"
          pattern="[A-Za-z0-9][A-Za-z0-9._\-]{0,63}"
          value={draft.commandType}
          onChange={(e) => setDraft({ ...draft, commandType: e.target.value })}
        />
      </label>
      <datalist id="command-types">
        {KNOWN_TYPES.map((type) => (
          <option key={type} value={type} />
        ))}
      </datalist>
      <label>
        Parameters (JSON)
        <input
          value={draft.parameters}
          placeholder="{}"
          onChange={(e) => setDraft({ ...draft, parameters: e.target.value })}
        />
      </label>
      <label>
        Expires in (seconds)
        <input
          type="number"
          min={1}
          max={86400}
          value={draft.expiresIn}
          onChange={(e) => setDraft({ ...draft, expiresIn: Number(e.target.value) })}
        />
      </label>
      <button type="submit" disabled={issue.isPending}>
        Issue command
      </button>
      {problem && (
        <p className="notice-error" role="alert">
          {problem}
        </p>
      )}
      {issue.error && <ErrorNotice error={issue.error} title="The command was not issued" />}
    </form>
  );
}
