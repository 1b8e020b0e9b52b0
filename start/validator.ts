/*
|--------------------------------------------------------------------------
| Validation messages
|--------------------------------------------------------------------------
|
| Messages shown next to form fields, written for people rather than for
| developers. Field names are replaced by the labels below.
|
*/
import vine, { SimpleMessagesProvider } from '@vinejs/vine'
import { installPlainTextStrings, TEXT_MESSAGES } from '#core/validators/plain_text'

/**
 * Every string field refuses control characters (NUL…) and, unless
 * `.multiline()`, line breaks (#core/validators/plain_text).
 */
installPlainTextStrings()

vine.messagesProvider = new SimpleMessagesProvider(
  {
    'required': 'Please enter {{ field }}',
    'string': '{{ field }} must be text',
    'email': 'Please enter a valid email address',
    'minLength': '{{ field }} must be at least {{ min }} characters',
    'maxLength': '{{ field }} must be at most {{ max }} characters',
    'confirmed': 'The two passwords do not match',
    'database.unique': 'An account with this {{ field }} already exists',
    'enum': 'Please choose one of the options',
    'number': '{{ field }} must be a number',
    'min': '{{ field }} must be at least {{ min }}',
    'max': '{{ field }} must be at most {{ max }}',
    'withoutDecimals': '{{ field }} must be a whole number',
    'regex': '{{ field }} is not in the expected format',
    'file.size': 'Each photo must be at most {{ size }}',
    'file.extname': 'Photos must be JPEG, PNG or WebP images',
    'array.maxLength': 'Add at most {{ max }} photos at a time',
    'phone.invalid': 'Enter a Nepali mobile number, e.g. 98XXXXXXXX',
    'photo.content': '{{ field }} is not a JPEG, PNG or WebP image',
    'fullName.required': 'Please enter your name',
    'phone.required': 'Please enter your mobile number',
    'password.required': 'Please choose a password',
    'role.required': 'Choose whether you are looking for a room or letting one',
    'clientKey.regex': 'client_key must be 8 to 64 letters, digits, "_" or "-"',
    ...TEXT_MESSAGES,
  },
  {
    fullName: 'name',
    email: 'email',
    phone: 'mobile number',
    password: 'password',
    title: 'Title',
    description: 'Description',
    locality: 'Locality',
    rentNpr: 'Monthly rent',
    minRent: 'Minimum rent',
    maxRent: 'Maximum rent',
    q: 'Search',
  }
)
