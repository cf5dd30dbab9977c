import { Command } from '../../../shared/message';

/** Deletes a tenant: its database, then its registry row. */
export class DeleteTenantCommand extends Command<void> {
  constructor(readonly slug: string) {
    super();
  }
}
