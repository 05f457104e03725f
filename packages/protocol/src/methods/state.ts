import { Type } from '@sinclair/typebox';
import { defineMethod } from '../define.js';
import { AppsStart } from './apps.js';

export const StateSave = defineMethod({
  name: 'state.save',
  description:
    "Writes every app's spec and desired state (running or stopped) to $SVCTL_HOME/dump.json atomically (mode 0600), keeping the previous dump as dump.json.bak. With no app registered it fails with NOTHING_TO_SAVE unless force.",
  params: Type.Object(
    { force: Type.Optional(Type.Boolean({ description: 'Also write an empty dump when no app is registered.' })) },
    { additionalProperties: false },
  ),
  result: Type.Object({
    path: Type.String(),
    backup: Type.Union([Type.String(), Type.Null()], { description: 'Where the previous dump was kept, or null when there was none.' }),
    running: Type.Array(Type.String(), { description: 'Names of the apps saved as running.' }),
    stopped: Type.Array(Type.String(), { description: 'Names of the apps saved as stopped.' }),
    warnings: Type.Array(Type.String()),
  }),
});

export const StateResurrect = defineMethod({
  name: 'state.resurrect',
  description:
    'Restores the dump: apps saved as running are started, apps saved as stopped are registered but not started, app ids are kept when free. Apps already registered under the same name are left as they are. A corrupt dump fails with DUMP_INVALID and nothing is changed.',
  params: Type.Object(
    { from_backup: Type.Optional(Type.Boolean({ description: 'Read dump.json.bak instead of dump.json.' })) },
    { additionalProperties: false },
  ),
  result: Type.Object({
    path: Type.String({ description: 'The dump that was read.' }),
    saved_at: Type.String(),
    apps: AppsStart.result.properties.apps,
    warnings: Type.Array(Type.String()),
  }),
});
