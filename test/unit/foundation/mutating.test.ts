// The UI's plain list of writing commands (shared/api/mutating.ts) is the contract's, so a refresh after a write on
// this workstation is never missed for a new command, and never made after a read.
import { describe, expect, it } from 'vitest';
import { commands } from '../../../shared/api';
import { MUTATING_COMMANDS } from '../../../shared/api/mutating';

describe('MUTATING_COMMANDS', () => {
  it('is exactly the commands the contract marks mutates: true', () => {
    const fromContract = Object.entries(commands)
      .filter(([, c]) => (c as { mutates?: boolean }).mutates === true)
      .map(([name]) => name)
      .sort();
    expect([...MUTATING_COMMANDS].sort()).toEqual(fromContract);
    expect(fromContract.length).toBeGreaterThan(30);
  });
});
