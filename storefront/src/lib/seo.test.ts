import { describe, expect, it } from 'vitest'

import { itemSeo, SHOP_NAME } from './seo'

const photo = { src: 'https://cms.example.com/api/media/file/kaya.png', alt: 'Kaya' }
const defaults = { summary: 'Smooth coconut and pandan jam.', image: photo }
const upload = { url: '/api/media/file/kaya-share.png', alt: 'Kaya on toast', width: 1200, height: 630 }

describe('itemSeo', () => {
  it('uses the item’s own meta title, description and image', () => {
    const seo = itemSeo(
      { name: 'Kaya', meta: { title: ' Kaya jam ', description: 'Best on toast.', image: upload as never } },
      defaults,
      'https://cms.example.com',
    )
    expect(seo).toMatchObject({
      title: 'Kaya jam',
      description: 'Best on toast.',
      image: { src: 'https://cms.example.com/api/media/file/kaya-share.png' },
    })
  })
  it('falls back to the name, the summary and the photo when they are empty', () => {
    expect(itemSeo({ name: 'Kaya', meta: { title: '  ', description: null, image: 7 } }, defaults, 'https://cms.example.com')).toEqual({
      title: `Kaya · ${SHOP_NAME}`,
      description: 'Smooth coconut and pandan jam.',
      image: photo,
    })
    expect(itemSeo({ name: 'Kaya' }, { summary: '', image: null }, 'https://cms.example.com')).toEqual({
      title: `Kaya · ${SHOP_NAME}`,
      description: `Kaya at ${SHOP_NAME}.`,
      image: null,
    })
  })
})
