import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../../di/tokens';
import { UserView } from '../../user-view';
import { MessageHandler } from '../../../shared/message';
import { parseUserId } from '../../user-id';
import { userNotFound } from '../../user-errors';
import { UserReader } from '../../user-reader';
import { GetUserQuery } from './get-user.query';

@injectable()
export class GetUserHandler implements MessageHandler<GetUserQuery> {
  constructor(@inject(TOKENS.UserReader) private readonly users: UserReader) {}

  async execute(query: GetUserQuery): Promise<UserView> {
    const id = parseUserId(query.userId, 'user_id');
    const user = await this.users.findById(query.tenant, id);
    if (!user) throw userNotFound(id);
    return user;
  }
}
