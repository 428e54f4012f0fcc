/**
 * A meeting photo in WeChat (src/utils/pickImage.weapp.ts): the camera or the album with WeChat's
 * compression, compressed harder when still over the server's limit, read as base64 for
 * `activity.uploadPhoto`; closing the chooser is a cancel, not an error.
 */
import { PHOTO } from '../../../cloud/contract/limits'
import { fake, wxError, type Options } from '../../helpers/fakeTaro'
import { pickImage } from '../../../src/utils/pickImage.weapp'

jest.mock('@tarojs/taro', () => jest.requireActual('../../helpers/fakeTaro'))

const SMALL = 'aGVsbG8gd29ybGQ='

beforeEach(() => fake.reset())

test('camera or album, compressed by WeChat, read as base64 JPEG', async () => {
  fake.on('chooseImage', () => ({ tempFiles: [{ path: 'wxfile://tmp_1.jpg', size: 200_000 }], tempFilePaths: ['wxfile://tmp_1.jpg'] }))
  fake.on('fs.readFile', (o: Options) => ({ data: o.filePath === 'wxfile://tmp_1.jpg' ? SMALL : '' }))
  await expect(pickImage()).resolves.toEqual({ mime: 'image/jpeg', base64: SMALL, size: 11 })
  const asked = fake.calls('chooseImage')[0].options
  expect(asked.sourceType).toEqual(['camera', 'album'])
  expect(asked.sizeType).toEqual(['compressed'])
  expect(fake.calls('compressImage')).toHaveLength(0)
})

test('a photo over the limit is compressed again before it is read', async () => {
  fake.on('chooseImage', () => ({ tempFiles: [{ path: 'wxfile://big.jpg', size: PHOTO.maxBytes + 1 }] }))
  fake.on('compressImage', () => ({ tempFilePath: 'wxfile://small.jpg' }))
  fake.on('fs.readFile', (o: Options) => ({ data: o.filePath === 'wxfile://small.jpg' ? SMALL : 'x'.repeat(2_000_000) }))
  await expect(pickImage()).resolves.toMatchObject({ base64: SMALL })
})

test('closing the chooser is a cancel; one still too large is refused with the limit', async () => {
  fake.on('chooseImage', () => {
    throw wxError('chooseImage:fail cancel')
  })
  await expect(pickImage()).resolves.toBeNull()
  fake.on('chooseImage', () => ({ tempFiles: [{ path: 'wxfile://big.jpg', size: PHOTO.maxBytes + 1 }] }))
  fake.on('compressImage', () => ({ tempFilePath: 'wxfile://still-big.jpg' }))
  fake.on('fs.readFile', () => ({ data: 'A'.repeat(1_600_000) }))
  await expect(pickImage()).rejects.toThrow(/超过上限/)
})
