import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../../di/tokens';
import { UserView } from '../../user-view';
import { UserReader } from '../../user-reader';
import { MessageHandler } from '../../../shared/message';
import { callerNotFound } from '../../user-errors';
import { GetMeQuery } from './get-me.query';

@injectable()
export class GetMeHandler implements MessageHandler<GetMeQuery> {
  constructor(@inject(TOKENS.UserReader) private readonly users: UserReader) {}

  async execute(query: GetMeQuery): Promise<UserView> {
    const user = query.known?.id === query.caller.subject ? query.known : await this.users.findById(query.tenant, query.caller.subject);
    if (!user || user.status !== 'ACTIVE') throw callerNotFound();
    return user;
  }
}
