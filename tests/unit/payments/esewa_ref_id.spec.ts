import { test } from '@japa/runner'
import { refIdProblem } from '#payments/esewa_ref_id'

test.group('eSewa references', () => {
  test('what an eSewa reference may look like', ({ assert }) => {
    assert.isNull(refIdProblem('0007G36'))
    assert.isNull(refIdProblem('A'.repeat(32)))
    assert.equal(refIdProblem('A'.repeat(33)), '33 characters long, at most 32')
    assert.equal(refIdProblem(''), 'missing')
    assert.equal(refIdProblem(null), 'missing')
    assert.equal(refIdProblem(1234567), 'missing')
    for (const odd of ['0007 G36', '0007-G36', '<b>0007</b>', '0007G36\n', 'ÅÉ00001']) {
      assert.equal(refIdProblem(odd), 'not only letters and digits', odd)
    }
  })
})
