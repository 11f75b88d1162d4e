import type { CommandName } from '../../../shared/api';
import { systemHandlers } from './system';
import { mapHandlers } from './map';
import { planHandlers } from './plans';
import { fireHandlers } from './fire';
import { incidentHandlers } from './incidents';
import type { HandlerTable } from './types';

/** One handler per command of the contract; the type makes a missing one a compile error. */
export const handlers: HandlerTable<CommandName> = {
  ...systemHandlers,
  ...mapHandlers,
  ...planHandlers,
  ...fireHandlers,
  ...incidentHandlers,
};
