import type { Catalogue } from '../../catalogue.ts';
import apiKeys from './api-keys.ts';
import audience from './audience.ts';
import campaigns from './campaigns.ts';
import common from './common.ts';
import contacts from './contacts.ts';
import editor from './editor.ts';
import forms from './forms.ts';
import inbox from './inbox.ts';
import media from './media.ts';
import messages from './messages.ts';
import monitor from './monitor.ts';
import overview from './overview.ts';
import reasons from './reasons.ts';
import sandbox from './sandbox.ts';
import serverErrors from './server-errors.ts';
import sessionTools from './session-tools.ts';
import sessions from './sessions.ts';
import shell from './shell.ts';
import time from './time.ts';
import users from './users.ts';
import webhooks from './webhooks.ts';

/** The Brazilian Portuguese catalogue: its own chunk, fetched when chosen. */
const ptBR = {
  common,
  shell,
  overview,
  forms,
  time,
  sessions,
  sandbox,
  sessionTools,
  messages,
  media,
  inbox,
  contacts,
  campaigns,
  audience,
  editor,
  apiKeys,
  webhooks,
  monitor,
  users,
  serverErrors,
  reasons,
} satisfies Catalogue;

export default ptBR;
