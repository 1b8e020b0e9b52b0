/*
| Accounts: sign-up, log in, log out.
*/
import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { middleware } from '#start/kernel'
import { loginThrottle, registerThrottle } from '#start/limiter'

router
  .group(() => {
    router.get('/register', [controllers.accounts.Register, 'create']).as('register.create')
    router
      .post('/register', [controllers.accounts.Register, 'store'])
      .as('register.store')
      .use(registerThrottle)
    router.get('/login', [controllers.accounts.Session, 'create']).as('session.create')
    router
      .post('/login', [controllers.accounts.Session, 'store'])
      .as('session.store')
      .use(loginThrottle)
  })
  .use(middleware.guest())

router
  .post('/logout', [controllers.accounts.Session, 'destroy'])
  .as('session.destroy')
  .use(middleware.auth())
