import { ActionIcon, Anchor, Badge, Button, Grid, Group, Menu, SimpleGrid, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconArrowLeft, IconDots, IconEdit, IconPlayerPause, IconPlayerPlay, IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import type { LeadForm } from '../../../shared/contracts/lead-forms.js';
import { useUserNames } from '../../api/hooks.js';
import { PageHeader } from '../../components/PageHeader.js';
import { PageSkeleton } from '../../components/PageSkeleton.js';
import { QueryError } from '../../components/QueryError.js';
import { Field, Section } from '../../components/Section.js';
import { dateTime, humanize } from '../../lib/format.js';
import { EmbedSection } from './EmbedSection.js';
import { assignmentLabel, assignmentSentence } from './embed.js';
import { LeadFormForm } from './LeadFormForm.js';
import { DeleteLeadFormDialog, Inquiries, ManagersOnly } from './LeadFormParts.js';
import { LeadFormStatus } from './LeadFormStatus.js';
import { useDeleteLeadForm, useLeadForm, useMayKeepLeadForms, useSetLeadFormActive } from './queries.js';
import { TestInquirySection } from './TestInquirySection.js';

/**
 * A lead form (managers and admins): its settings, edited in a dialog; how to put it on a website (its
 * public address, the HTML to paste, a JSON example); and a test inquiry. Reps are told who keeps forms.
 */
export function LeadFormPage() {
  const mayKeep = useMayKeepLeadForms();
  if (!mayKeep) return <ManagersOnly />;
  return <LeadFormDetail />;
}

function LeadFormDetail() {
  const { id = '' } = useParams();
  const leadForm = useLeadForm(id);
  const navigate = useNavigate();
  const { hash } = useLocation();
  const userName = useUserNames();
  const setActive = useSetLeadFormActive();
  const [editing, edit] = useDisclosure(false);
  const [deleting, setDeleting] = useState<LeadForm | null>(null);
  const remove = useDeleteLeadForm({
    onDeleted: () => navigate('/lead-forms'),
    onRestored: (restored) => navigate(`/lead-forms/${restored.id}`),
  });
  const loaded = leadForm.isSuccess;

  // "Embed and test" from the list lands on the HTML, once the page has drawn.
  useEffect(() => {
    if (loaded && hash === '#embed') document.getElementById('embed')?.scrollIntoView({ block: 'start' });
  }, [loaded, hash]);

  if (leadForm.isPending) return <PageSkeleton />;
  if (leadForm.isError)
    return (
      <QueryError
        error={leadForm.error}
        what="this lead form"
        onRetry={() => leadForm.refetch()}
        back={{ to: '/lead-forms', label: 'Go to the lead forms' }}
      />
    );
  const record = leadForm.data;
  const owner = userName(record.ownerId);

  return (
    <>
      <Anchor component={Link} to="/lead-forms" size="sm" mb={4} display="inline-block">
        <Group gap={4} component="span" wrap="nowrap">
          <IconArrowLeft size={14} aria-hidden />
          Lead forms
        </Group>
      </Anchor>
      <PageHeader
        title={record.name}
        description={
          <Group gap="xs" data-testid="lead-form-summary">
            <LeadFormStatus active={record.active} />
            <Badge variant="light" color="blue">
              {humanize(record.source)}
            </Badge>
            <Badge variant="outline" color="gray">
              {assignmentLabel(record, owner)}
            </Badge>
            <Inquiries form={record} />
          </Group>
        }
        actions={
          <>
            <Button variant="default" leftSection={<IconEdit size={16} aria-hidden />} onClick={edit.open}>
              Edit
            </Button>
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <ActionIcon variant="default" size="lg" aria-label="More actions">
                  <IconDots size={18} aria-hidden />
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                {record.active ? (
                  <Menu.Item
                    leftSection={<IconPlayerPause size={16} aria-hidden />}
                    onClick={() => setActive.set(record, false)}
                  >
                    Deactivate
                  </Menu.Item>
                ) : (
                  <Menu.Item
                    leftSection={<IconPlayerPlay size={16} aria-hidden />}
                    onClick={() => setActive.set(record, true)}
                  >
                    Activate
                  </Menu.Item>
                )}
                <Menu.Item
                  color="red"
                  leftSection={<IconTrash size={16} aria-hidden />}
                  onClick={() => setDeleting(record)}
                >
                  Delete lead form
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </>
        }
      />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <EmbedSection leadForm={record} onEdit={edit.open} onActivate={() => setActive.set(record, true)} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            <Section
              title="Settings"
              action={
                <Button size="compact-sm" variant="subtle" onClick={edit.open}>
                  Edit settings
                </Button>
              }
            >
              <SimpleGrid cols={1} spacing="sm">
                <Field label="Source of its leads">{humanize(record.source)}</Field>
                <Field label="Who gets each lead">{assignmentSentence(record, owner)}</Field>
                <Field label="Owner">{owner}</Field>
                <Field label="After sending, go to">{record.redirectUrl ?? "Meridian's thank-you page"}</Field>
                <Field label="Status">
                  {record.active ? 'Active: takes inquiries' : 'Inactive: refuses inquiries'}
                </Field>
                <Field label="Last inquiry">
                  {record.lastSubmissionAt ? dateTime(record.lastSubmissionAt) : 'None yet'}
                </Field>
                <Field label="Public key">
                  <Text span ff="monospace" size="sm">
                    {record.key}
                  </Text>
                </Field>
              </SimpleGrid>
            </Section>
            <TestInquirySection leadForm={record} />
          </Stack>
        </Grid.Col>
      </Grid>
      {editing && <LeadFormForm key={record.version} leadForm={record} onClose={edit.close} />}
      <DeleteLeadFormDialog
        leadForm={deleting}
        loading={remove.isPending}
        onConfirm={(form) => remove.mutate(form, { onSettled: () => setDeleting(null) })}
        onClose={() => setDeleting(null)}
      />
    </>
  );
}

export const Component = LeadFormPage;
