/**
 * Believable items for the benchmark, the same on every run, and an aisle for each kind of
 * product (tests/bench/seed-local.ts writes them through Payload's local API and puts each item in
 * its product's aisle).
 */
import { paragraph } from '../helpers/richText.ts'
import { pick as pickFrom, random } from './random.ts'

const brands = [
  'Ah Huat',
  'Golden Lion',
  'Red Lantern',
  'Jade Garden',
  'Sunny Day',
  'Kampong',
  'Harbour',
  'Merlion',
  'Orchid',
  'Lucky Star',
  'Tiger Balm',
  'Pagoda',
  'Blue Heron',
  'Old Town',
  'Coconut Grove',
  'Pandan Leaf',
  'Morning Glory',
  'Bamboo',
  'Peacock',
  'Evergreen',
]
const products = [
  'Coconut Biscuits',
  'Kaya Spread',
  'Curry Noodles',
  'Jasmine Rice',
  'Soy Sauce',
  'Chilli Crab Paste',
  'Green Tea',
  'Kopi Powder',
  'Prawn Crackers',
  'Pineapple Tarts',
  'Laksa Paste',
  'Chrysanthemum Tea',
  'Barley Drink',
  'Dish Soap',
  'Laundry Powder',
  'Tissue Box',
  'Peanut Candy',
  'Sesame Oil',
  'Fish Balls',
  'Rice Vermicelli',
  'Milo Tin',
  'Egg Rolls',
  'Durian Candy',
  'Tamarind Paste',
  'Mosquito Coils',
]
const sizes = [
  '100 g',
  '150 g',
  '200 g',
  '250 g',
  '300 g',
  '400 g',
  '500 g',
  '750 g',
  '1 kg',
  '2 kg',
  '250 ml',
  '330 ml',
  '500 ml',
  '1 L',
  '1.5 L',
  'pack of 2',
  'pack of 4',
  'pack of 6',
  'pack of 10',
  'family pack',
]
const adjectives = ['crunchy', 'fragrant', 'spicy', 'sweet', 'refreshing', 'smooth', 'traditional', 'homemade-style', 'zesty', 'rich']

/**
 * What the `i`th bench item's name is made of: 10 000 names (brand × product × size), then the
 * same again as a new "series", so names (and slugs) stay unique.
 */
export function benchNameParts(i: number) {
  const brand = brands[i % brands.length]!
  const product = products[Math.floor(i / brands.length) % products.length]!
  const size = sizes[Math.floor(i / (brands.length * products.length)) % sizes.length]!
  const series = Math.floor(i / (brands.length * products.length * sizes.length))
  return { brand, product, size, series, name: `${brand} ${product} ${size}${series > 0 ? ` series ${series + 1}` : ''}` }
}

export type BenchItem = ReturnType<typeof benchItems>[number]

/** The bench shop's aisles: one per kind of product, in the order of `products`. */
export const benchAisles = () =>
  products.map((name, i) => ({
    name,
    position: (i + 1) * 10,
    description: `Every brand and size of ${name.toLowerCase()} on Uncle Pat's shelves.`,
  }))

export function benchItems(count: number) {
  const next = random(42)
  const pick = <T>(list: T[]): T => pickFrom(next, list)
  return Array.from({ length: count }, (_, i) => {
    const { brand, product, name } = benchNameParts(i)
    return {
      name,
      price: 50 + Math.floor(next() * 3000),
      quantity: next() < 0.1 ? 0 : Math.floor(next() * 80),
      description: paragraph(
        `${brand}'s ${pick(adjectives)} ${product.toLowerCase()}, a favourite of Uncle Pat's regulars. ${pick(adjectives)} and good value.`,
      ),
      _status: 'published',
    }
  })
}
