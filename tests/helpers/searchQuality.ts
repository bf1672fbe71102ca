/**
 * The labelled search quality set: queries as shoppers type them (typos, plurals, prefixes, words
 * in another order, accents and capitals), each with the item that must be among the first three
 * results. Over the demo catalogue (cms/seed/demoItems.ts) and the bench catalogue
 * (tests/bench/seed.ts: its first 500 items hold every brand and product at "100 g").
 * tests/int/search.int.spec.ts asserts every one on both databases; `npm run bench` prints the
 * share found at BENCH_ITEMS.
 */
import { benchItems } from '../bench/seed.ts'

export type Labelled = { q: string; expected: string; kind: string }

const label = (kind: string, pairs: Array<[string, string]>): Labelled[] => pairs.map(([q, expected]) => ({ q, expected, kind }))

export const DEMO_QUERIES: Labelled[] = [
  ...label('typo', [
    ['choclate', 'Dark Chocolate Bar 100 g'],
    ['jasmnie white rice', 'Jasmine White Rice 5 kg'],
    ['laundry detergant', 'Laundry Detergent 2 kg'],
    ['landry detergent', 'Laundry Detergent 2 kg'],
    ['instant noodels', 'Instant Noodles, Curry (5 pack)'],
    ['kaya sprad', 'Kaya Spread 400 g'],
    ['cofee powder', 'Kopi-O Coffee Powder 500 g'],
    ['crysanthemum tea', 'Chrysanthemum Tea (6 cans)'],
    ['mineral watter', 'Mineral Water 1.5 L'],
    ['isotnoic drink', 'Isotonic Drink 500 ml'],
    ['prawn crakers', 'Prawn Crackers 100 g'],
    ['pineaple tarts', 'Pineapple Tarts (12)'],
    ['dishwashng liquid', 'Dishwashing Liquid, Lime 900 ml'],
    ['toliet rolls', 'Toilet Rolls (10 pack)'],
    ['mosqito coils', 'Mosquito Coils (10)'],
    ['umbrela', 'Umbrella, Compact'],
    ['wholemeel bread', 'Wholemeal Bread Loaf'],
    ['batteris', 'AA Batteries (4 pack)'],
  ]),
  ...label('plural/singular', [
    ['instant noodle', 'Instant Noodles, Curry (5 pack)'],
    ['fresh egg', 'Fresh Eggs (10)'],
    ['prawn cracker', 'Prawn Crackers 100 g'],
    ['pineapple tart', 'Pineapple Tarts (12)'],
    ['toilet roll', 'Toilet Rolls (10 pack)'],
    ['mosquito coil', 'Mosquito Coils (10)'],
    ['battery', 'AA Batteries (4 pack)'],
    ['potato chip', 'Potato Chips, Sea Salt 150 g'],
    ['sachet', 'Milo 3-in-1 (18 sachets)'],
  ]),
  ...label('prefix', [
    ['choc', 'Dark Chocolate Bar 100 g'],
    ['jasm whi', 'Jasmine White Rice 5 kg'],
    ['deterg', 'Laundry Detergent 2 kg'],
    ['ful cream', 'Full Cream Milk 1 L'],
    ['umbr', 'Umbrella, Compact'],
    ['chrysanth', 'Chrysanthemum Tea (6 cans)'],
  ]),
  ...label('prefix with a typo', [
    ['chocl', 'Dark Chocolate Bar 100 g'],
    ['crysanth tea', 'Chrysanthemum Tea (6 cans)'],
    ['isotn drink', 'Isotonic Drink 500 ml'],
    ['jasmni rice', 'Jasmine White Rice 5 kg'],
  ]),
  ...label('word order', [
    ['chocolate dark', 'Dark Chocolate Bar 100 g'],
    ['rice white jasmine', 'Jasmine White Rice 5 kg'],
    ['water mineral', 'Mineral Water 1.5 L'],
    ['salt sea chips', 'Potato Chips, Sea Salt 150 g'],
    ['compact umbrella', 'Umbrella, Compact'],
    ['loaf bread', 'Wholemeal Bread Loaf'],
    ['curry noodles instant', 'Instant Noodles, Curry (5 pack)'],
  ]),
  ...label('accents and case', [
    ['Jasmíne WHITE Rice', 'Jasmine White Rice 5 kg'],
    ['chocolât', 'Dark Chocolate Bar 100 g'],
    ['DÉTERGENT', 'Laundry Detergent 2 kg'],
    ['KAYA', 'Kaya Spread 400 g'],
    ['Milö sachets', 'Milo 3-in-1 (18 sachets)'],
  ]),
]

export const BENCH_QUERIES: Labelled[] = [
  ...label('typo', [
    ['ah huat cocnut biscuits 100 g', 'Ah Huat Coconut Biscuits 100 g'],
    ['golden lion kaya sprad 100 g', 'Golden Lion Kaya Spread 100 g'],
    ['jade garden jasmin rice 100 g', 'Jade Garden Jasmine Rice 100 g'],
    ['kampong chili crab paste 100 g', 'Kampong Chilli Crab Paste 100 g'],
    ['harbor green tea 100 g', 'Harbour Green Tea 100 g'],
    ['merlion kopi powdr 100 g', 'Merlion Kopi Powder 100 g'],
    ['lucky star pineaple tarts 100 g', 'Lucky Star Pineapple Tarts 100 g'],
    ['tigre balm laksa paste 100 g', 'Tiger Balm Laksa Paste 100 g'],
    ['pagoda chrysanthemun tea 100 g', 'Pagoda Chrysanthemum Tea 100 g'],
    ['coconut grove landry powder 100 g', 'Coconut Grove Laundry Powder 100 g'],
    ['bambo sesame oil 100 g', 'Bamboo Sesame Oil 100 g'],
    ['evergreen rice vermicelly 100 g', 'Evergreen Rice Vermicelli 100 g'],
  ]),
  ...label('plural/singular', [
    ['red lantern curry noodle 100 g', 'Red Lantern Curry Noodles 100 g'],
    ['peacock fish ball 100 g', 'Peacock Fish Balls 100 g'],
    ['pandan leaf tissue boxes 100 g', 'Pandan Leaf Tissue Box 100 g'],
    ['orchid prawn cracker 100 g', 'Orchid Prawn Crackers 100 g'],
  ]),
  ...label('prefix', [
    ['mornin glory peanut candy 100 g', 'Morning Glory Peanut Candy 100 g'],
    ['sunny day soy sau 100 g', 'Sunny Day Soy Sauce 100 g'],
  ]),
  ...label('word order', [
    ['heron blue barly drink 100 g', 'Blue Heron Barley Drink 100 g'],
    ['dish soap old town 100 g', 'Old Town Dish Soap 100 g'],
  ]),
]

export const QUALITY_SET: Labelled[] = [...DEMO_QUERIES, ...BENCH_QUERIES]

/**
 * The bench items the integration test adds to the demo catalogue: each labelled item, and as
 * look-alikes the same product of three other brands and three other products of the same brand
 * (about 140 items: seeding the first 500 takes FerretDB over ten minutes).
 */
export function qualityBenchItems(): ReturnType<typeof benchItems> {
  const all = benchItems(500)
  const wanted = new Set(BENCH_QUERIES.map(({ expected }) => expected))
  const targets = all.filter((item) => wanted.has(item.name))
  const brandOf = (name: string) => name.split(' ').slice(0, 2).join(' ')
  const productOf = (name: string) => name.split(' ').slice(2, -2).join(' ')
  const picked = new Set(targets)
  for (const target of targets) {
    const sameProduct = all.filter((item) => productOf(item.name) === productOf(target.name) && item !== target)
    const sameBrand = all.filter((item) => brandOf(item.name) === brandOf(target.name) && item !== target)
    for (const item of [...sameProduct.slice(0, 3), ...sameBrand.slice(0, 3)]) picked.add(item)
  }
  return all.filter((item) => picked.has(item))
}
