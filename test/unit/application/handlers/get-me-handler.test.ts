import 'reflect-metadata';
import { GetMeHandler } from '../../../../src/application/user/queries/get-me/get-me.handler';
import { GetMeQuery } from '../../../../src/application/user/queries/get-me/get-me.query';
import { UserReader } from '../../../../src/application/user/user-reader';
import { InMemoryUserReader } from '../../support/in-memory-user-reader';
import { PrincipalMother, TenantMother, UserViewMother } from '../../support/mothers';

/** A user reader that counts its reads. */
class CountingReader extends InMemoryUserReader implements UserReader {
  reads = 0;
  override async findById(...args: Parameters<InMemoryUserReader['findById']>) {
    this.reads += 1;
    return super.findById(...args);
  }
}

describe('GetMe', () => {
  const tenant = TenantMother.active();
  const caller = PrincipalMother.tenantUser(tenant);
  const account = UserViewMother.of(caller);

  test('answers the account the call already checked, without reading it again', async () => {
    const reader = new CountingReader([[tenant, account]]);
    const user = await new GetMeHandler(reader).execute(new GetMeQuery(tenant, caller, account));
    expect(user).toBe(account);
    expect(reader.reads).toBe(0);
  });

  test('reads the account when the call brings none, or one of somebody else', async () => {
    const reader = new CountingReader([[tenant, account]]);
    const other = UserViewMother.of(PrincipalMother.tenantUser(tenant));
    expect(await new GetMeHandler(reader).execute(new GetMeQuery(tenant, caller))).toEqual(account);
    expect(await new GetMeHandler(reader).execute(new GetMeQuery(tenant, caller, other))).toEqual(account);
    expect(reader.reads).toBe(2);
  });

  test('refuses a caller whose account is gone or not active', async () => {
    const reader = new CountingReader([[tenant, { ...account, status: 'DISABLED' }]]);
    await expect(new GetMeHandler(reader).execute(new GetMeQuery(tenant, caller))).rejects.toMatchObject({ reason: 'USER_INACTIVE' });
    await expect(new GetMeHandler(new CountingReader()).execute(new GetMeQuery(tenant, caller))).rejects.toMatchObject({ reason: 'USER_INACTIVE' });
  });
});
