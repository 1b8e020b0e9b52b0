/*
| Accounts: sign-up, log in, log out. Sign-ups and failed logins are
| rate-limited in the controllers (the form shows the message).
*/
import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { middleware } from '#start/kernel'

router
  .group(() => {
    router.get('/register', [controllers.accounts.Register, 'create']).as('register.create')
    router.post('/register', [controllers.accounts.Register, 'store']).as('register.store')
    router.get('/login', [controllers.accounts.Session, 'create']).as('session.create')
    router.post('/login', [controllers.accounts.Session, 'store']).as('session.store')
  })
  .use(middleware.guest())

router
  .post('/logout', [controllers.accounts.Session, 'destroy'])
  .as('session.destroy')
  .use(middleware.auth())
