import { Command } from '../../../shared/message';

/** Removes a super-admin; never the last one (FAILED_PRECONDITION, LAST_SUPER_ADMIN). */
export class RemoveSuperAdminCommand extends Command<void> {
  constructor(readonly superAdminId: string) {
    super();
  }
}
