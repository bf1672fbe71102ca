/** The try-out catalogue: believable minimart stock, priced in cents, descriptions in Markdown. */
export type DemoItem = { name: string; aisles: DemoAisleSlug[]; price: number; quantity: number; description: string }

/** The demo shop's aisles, in the order shoppers see them (by position). */
export const demoAisles = [
  {
    name: 'Drinks',
    slug: 'drinks',
    position: 10,
    description: 'Coffee, tea, malt drinks, milk and water: hot at home or cold from the fridge.',
  },
  { name: 'Snacks', slug: 'snacks', position: 20, description: 'Crackers, chips, chocolate and festive treats for the afternoon.' },
  {
    name: 'Breakfast & staples',
    slug: 'breakfast-staples',
    position: 30,
    description: 'Rice, noodles, bread, eggs, kaya and the morning kopi: the basics of the week.',
  },
  { name: 'Household', slug: 'household', position: 40, description: 'Washing up, laundry, toilet rolls and keeping the mosquitoes away.' },
  {
    name: 'Odds & ends',
    slug: 'odds-and-ends',
    position: 50,
    description: 'Batteries, umbrellas and the things you only need when you need them.',
  },
] as const
export type DemoAisleSlug = (typeof demoAisles)[number]['slug']

export const demoItems: DemoItem[] = [
  {
    name: 'Milo 3-in-1 (18 sachets)',
    aisles: ['drinks', 'breakfast-staples'],
    price: 789,
    quantity: 24,
    description:
      'The **classic chocolate malt** drink, already mixed with milk and sugar.\n\nJust add hot water, or pour over ice for *Milo peng*.',
  },
  {
    name: 'Kopi-O Coffee Powder 500 g',
    aisles: ['drinks', 'breakfast-staples'],
    price: 650,
    quantity: 15,
    description: 'Dark-roasted **local coffee** with margarine and sugar, for a proper kopitiam brew at home.',
  },
  {
    name: 'Jasmine White Rice 5 kg',
    aisles: ['breakfast-staples'],
    price: 1495,
    quantity: 8,
    description: 'Fragrant **Thai Hom Mali** rice. Soft and fluffy when cooked.\n\n- Rinse twice\n- 1 cup rice to 1¼ cups water',
  },
  {
    name: 'Instant Noodles, Curry (5 pack)',
    aisles: ['breakfast-staples'],
    price: 395,
    quantity: 40,
    description: 'Spicy **curry** instant noodles. Ready in *three minutes*; even better with an egg.',
  },
  {
    name: 'Kaya Spread 400 g',
    aisles: ['breakfast-staples'],
    price: 480,
    quantity: 3,
    description: 'Smooth **coconut and pandan** jam. Perfect on toast with a slab of cold butter.',
  },
  {
    name: 'Wholemeal Bread Loaf',
    aisles: ['breakfast-staples'],
    price: 295,
    quantity: 12,
    description: 'Soft **wholemeal** sandwich loaf, baked this morning. Best within three days.',
  },
  {
    name: 'Fresh Eggs (10)',
    aisles: ['breakfast-staples'],
    price: 340,
    quantity: 2,
    description: 'Ten **grade A** eggs from a farm in Lim Chu Kang. Keep refrigerated.',
  },
  {
    name: 'Full Cream Milk 1 L',
    aisles: ['drinks', 'breakfast-staples'],
    price: 365,
    quantity: 18,
    description: '**Fresh pasteurised** full cream milk. Keep chilled below 4 °C.',
  },
  {
    name: 'Chrysanthemum Tea (6 cans)',
    aisles: ['drinks'],
    price: 420,
    quantity: 30,
    description: 'Lightly sweetened **chrysanthemum** tea: cooling on a hot afternoon.',
  },
  {
    name: 'Mineral Water 1.5 L',
    aisles: ['drinks'],
    price: 125,
    quantity: 60,
    description: 'Natural **mineral water**, bottled at source.',
  },
  {
    name: 'Isotonic Drink 500 ml',
    aisles: ['drinks'],
    price: 210,
    quantity: 0,
    description: 'Replaces the **salts and fluids** you lose after exercise. Back in stock soon.',
  },
  {
    name: 'Prawn Crackers 100 g',
    aisles: ['snacks'],
    price: 230,
    quantity: 22,
    description: 'Crunchy **prawn crackers**, lightly salted. Dangerously moreish.',
  },
  {
    name: 'Pineapple Tarts (12)',
    aisles: ['snacks'],
    price: 1280,
    quantity: 4,
    description: 'Buttery pastry with **homemade pineapple jam**. A festive favourite all year round.',
  },
  {
    name: 'Potato Chips, Sea Salt 150 g',
    aisles: ['snacks'],
    price: 315,
    quantity: 35,
    description: 'Thick-cut **kettle chips** with sea salt.',
  },
  {
    name: 'Dark Chocolate Bar 100 g',
    aisles: ['snacks'],
    price: 450,
    quantity: 14,
    description: '**70 % cocoa** dark chocolate. Rich, smooth and not too sweet.',
  },
  {
    name: 'Dishwashing Liquid, Lime 900 ml',
    aisles: ['household'],
    price: 385,
    quantity: 20,
    description: 'Cuts through **grease** fast. Fresh lime scent, gentle on hands.',
  },
  {
    name: 'Laundry Detergent 2 kg',
    aisles: ['household'],
    price: 1150,
    quantity: 9,
    description: 'Concentrated **powder** detergent for front- and top-loaders.',
  },
  {
    name: 'Toilet Rolls (10 pack)',
    aisles: ['household'],
    price: 720,
    quantity: 16,
    description: 'Soft **3-ply** toilet rolls. Ten rolls of 200 sheets.',
  },
  {
    name: 'Mosquito Coils (10)',
    aisles: ['household'],
    price: 260,
    quantity: 5,
    description: 'Keep mosquitoes away for **up to 8 hours** per coil. Use in ventilated areas.',
  },
  {
    name: 'AA Batteries (4 pack)',
    aisles: ['odds-and-ends'],
    price: 599,
    quantity: 11,
    description: '**Long-lasting** alkaline batteries for remotes, clocks and torches.',
  },
  {
    name: 'Umbrella, Compact',
    aisles: ['odds-and-ends'],
    price: 890,
    quantity: 1,
    description: 'A **compact folding** umbrella for the afternoon downpour. Fits in any bag.',
  },
]
