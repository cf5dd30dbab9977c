import { UserReader } from '../../../src/application/user/user-reader';
import { UserView } from '../../../src/application/user/user-view';
import { Tenant } from '../../../src/domain/tenant/tenant';

/** Users by tenant and id, as the cached user reader answers them. */
export class InMemoryUserReader implements UserReader {
  private readonly users = new Map<string, UserView>();

  constructor(entries: Array<[Tenant, UserView]> = []) {
    for (const [tenant, user] of entries) this.users.set(`${tenant.id}/${user.id}`, user);
  }

  async findById(tenant: Tenant, id: string): Promise<UserView | undefined> {
    return this.users.get(`${tenant.id}/${id}`);
  }

  /** Never "in memory": the checks under test take their waiting path. */
  findInMemory(): undefined {
    return undefined;
  }

  async invalidate(): Promise<void> {}
}
