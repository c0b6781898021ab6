import { Button, Menu } from '@mantine/core';
import { IconChevronDown, IconClock, IconMail, IconMessage, IconPhoneCall } from '@tabler/icons-react';
import { useState } from 'react';
import type { Links } from '../activities/ActivityForm.js';
import { ComposeEmailDialog } from './ComposeEmailDialog.js';
import { ComposeTextDialog } from './ComposeTextDialog.js';
import { LogCommunicationDialog } from './LogCommunicationDialog.js';
import type { Recipient } from './Recipient.js';

type Open = 'write' | 'schedule' | 'text' | 'log' | null;

/**
 * A record page's "E-mail" action: one click writes an e-mail to the record's person (the split part
 * offers to schedule one, to text them when they have a number, or to log a call or message that happened
 * elsewhere). Each is filed against the record's links.
 */
export function EmailActions({
  links,
  about,
  recipient,
}: {
  links: Links;
  about: string;
  recipient: Recipient | undefined;
}) {
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);
  return (
    <>
      <Button.Group>
        <Button variant="default" leftSection={<IconMail size={16} aria-hidden />} onClick={() => setOpen('write')}>
          E-mail
        </Button>
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <Button variant="default" px={8} aria-label="More ways to e-mail or log a call">
              <IconChevronDown size={16} aria-hidden />
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item leftSection={<IconMail size={16} aria-hidden />} onClick={() => setOpen('write')}>
              Write e-mail
            </Menu.Item>
            {recipient?.phone && (
              <Menu.Item leftSection={<IconMessage size={16} aria-hidden />} onClick={() => setOpen('text')}>
                Send text
              </Menu.Item>
            )}
            <Menu.Item leftSection={<IconClock size={16} aria-hidden />} onClick={() => setOpen('schedule')}>
              Schedule e-mail
            </Menu.Item>
            <Menu.Item leftSection={<IconPhoneCall size={16} aria-hidden />} onClick={() => setOpen('log')}>
              Log call / message
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      </Button.Group>
      {(open === 'write' || open === 'schedule') && (
        <ComposeEmailDialog
          links={links}
          about={about}
          recipient={recipient}
          later={open === 'schedule'}
          onClose={close}
        />
      )}
      {open === 'text' && <ComposeTextDialog links={links} about={about} recipient={recipient} onClose={close} />}
      {open === 'log' && <LogCommunicationDialog links={links} about={about} recipient={recipient} onClose={close} />}
    </>
  );
}
