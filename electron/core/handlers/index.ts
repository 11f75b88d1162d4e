import type { CommandName } from '../../../shared/api';
import { systemHandlers } from './system';
import { planHandlers } from './plans';
import { mapHandlers } from './map';
import { fireHandlers } from './fire';
import { incidentHandlers } from './incidents';
import { reportHandlers } from './reports';
import { consoleHandlers } from './console';
import { peopleHandlers } from './people';
import { dutyHandlers } from './duty';
import { handoverHandlers } from './handover';
import { rosterHandlers } from './roster';
import { contactHandlers } from './contacts';
import { roundHandlers } from './rounds';
import { statsHandlers } from './stats';
import type { HandlerTable } from './types';

/** One handler per command of the contract; the type makes a missing one a compile error. */
export const handlers: HandlerTable<CommandName> = {
  ...systemHandlers,
  ...planHandlers,
  ...mapHandlers,
  ...fireHandlers,
  ...incidentHandlers,
  ...reportHandlers,
  ...consoleHandlers,
  ...peopleHandlers,
  ...dutyHandlers,
  ...handoverHandlers,
  ...rosterHandlers,
  ...contactHandlers,
  ...roundHandlers,
  ...statsHandlers,
};
