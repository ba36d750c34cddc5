import type { MachineTranslation } from '../ports/machine-translation.js';

/** Running locally there is no machine translation: every language is written by a person. */
export class NoMachineTranslation implements MachineTranslation {
  readonly name = 'none';
  supports(): boolean {
    return false;
  }
  translate(): Promise<string> {
    return Promise.reject(new Error('machine translation is not available here'));
  }
}
