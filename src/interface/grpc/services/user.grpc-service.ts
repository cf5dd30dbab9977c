import { injectable } from 'inversify';
import { UserServiceServer } from '../../../gen/proto/userservice/v1/user_service';
import { notYetImplemented } from '../unary';

/** UserService: every method arrives with user management; until then each answers UNIMPLEMENTED. */
@injectable()
export class UserGrpcService {
  implementation(): UserServiceServer {
    return {
      getMe: notYetImplemented('GetMe'),
      updateMe: notYetImplemented('UpdateMe'),
      changePassword: notYetImplemented('ChangePassword'),
      listUsers: notYetImplemented('ListUsers'),
      getUser: notYetImplemented('GetUser'),
      createUser: notYetImplemented('CreateUser'),
      updateUser: notYetImplemented('UpdateUser'),
      deleteUser: notYetImplemented('DeleteUser'),
    };
  }
}
