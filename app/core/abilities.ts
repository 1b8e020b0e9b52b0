/*
|--------------------------------------------------------------------------
| Bouncer abilities
|--------------------------------------------------------------------------
|
| Rules that belong to no resource. Rules about rooms, payments and
| conversations live in their policies under app/policies.
|
*/
export {}
