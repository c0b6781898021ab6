import { Button, Group } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Section } from '../../components/Section.js';
import { Timeline } from '../../components/Timeline.js';
import { ActivityForm, type Links } from '../activities/ActivityForm.js';
import { NoteForm } from '../notes/NoteForm.js';
import { PinnedNotes } from '../notes/PinnedNotes.js';
import { TaskForm } from '../tasks/TaskForm.js';

/**
 * A record's timeline with its quick actions on top (the HubSpot record page): log a call, add a note,
 * create a task, each filed against the record. Its pinned notes come first, above what happened.
 */
export function TimelineSection({
  resource,
  id,
  links,
  about,
}: {
  resource: 'accounts' | 'contacts' | 'leads' | 'opportunities';
  id: string;
  links: Links;
  about: string;
}) {
  const [logging, log] = useDisclosure(false);
  const [noting, note] = useDisclosure(false);
  const [tasking, task] = useDisclosure(false);
  return (
    <Section
      title="Timeline"
      action={
        <Group gap={4}>
          <Button size="compact-sm" variant="light" onClick={log.open}>
            Log call
          </Button>
          <Button size="compact-sm" variant="light" onClick={note.open}>
            Add note
          </Button>
          <Button size="compact-sm" variant="light" onClick={task.open}>
            Create task
          </Button>
        </Group>
      }
    >
      <PinnedNotes resource={resource} id={id} />
      <Timeline resource={resource} id={id} />
      {logging && <ActivityForm intent="log" opened links={links} about={about} onClose={log.close} />}
      {noting && <NoteForm opened links={links} about={about} onClose={note.close} />}
      {tasking && <TaskForm opened links={links} about={about} onClose={task.close} />}
    </Section>
  );
}
