/** The try-out catalogue: believable minimart stock, priced in cents, descriptions in Markdown. */
export type DemoItem = { name: string; price: number; quantity: number; description: string }

export const demoItems: DemoItem[] = [
  {
    name: 'Milo 3-in-1 (18 sachets)',
    price: 789,
    quantity: 24,
    description:
      'The **classic chocolate malt** drink, already mixed with milk and sugar.\n\nJust add hot water, or pour over ice for *Milo peng*.',
  },
  {
    name: 'Kopi-O Coffee Powder 500 g',
    price: 650,
    quantity: 15,
    description: 'Dark-roasted **local coffee** with margarine and sugar, for a proper kopitiam brew at home.',
  },
  {
    name: 'Jasmine White Rice 5 kg',
    price: 1495,
    quantity: 8,
    description: 'Fragrant **Thai Hom Mali** rice. Soft and fluffy when cooked.\n\n- Rinse twice\n- 1 cup rice to 1¼ cups water',
  },
  {
    name: 'Instant Noodles, Curry (5 pack)',
    price: 395,
    quantity: 40,
    description: 'Spicy **curry** instant noodles. Ready in *three minutes*; even better with an egg.',
  },
  {
    name: 'Kaya Spread 400 g',
    price: 480,
    quantity: 3,
    description: 'Smooth **coconut and pandan** jam. Perfect on toast with a slab of cold butter.',
  },
  {
    name: 'Wholemeal Bread Loaf',
    price: 295,
    quantity: 12,
    description: 'Soft **wholemeal** sandwich loaf, baked this morning. Best within three days.',
  },
  { name: 'Fresh Eggs (10)', price: 340, quantity: 2, description: 'Ten **grade A** eggs from a farm in Lim Chu Kang. Keep refrigerated.' },
  { name: 'Full Cream Milk 1 L', price: 365, quantity: 18, description: '**Fresh pasteurised** full cream milk. Keep chilled below 4 °C.' },
  {
    name: 'Chrysanthemum Tea (6 cans)',
    price: 420,
    quantity: 30,
    description: 'Lightly sweetened **chrysanthemum** tea: cooling on a hot afternoon.',
  },
  { name: 'Mineral Water 1.5 L', price: 125, quantity: 60, description: 'Natural **mineral water**, bottled at source.' },
  {
    name: 'Isotonic Drink 500 ml',
    price: 210,
    quantity: 0,
    description: 'Replaces the **salts and fluids** you lose after exercise. Back in stock soon.',
  },
  {
    name: 'Prawn Crackers 100 g',
    price: 230,
    quantity: 22,
    description: 'Crunchy **prawn crackers**, lightly salted. Dangerously moreish.',
  },
  {
    name: 'Pineapple Tarts (12)',
    price: 1280,
    quantity: 4,
    description: 'Buttery pastry with **homemade pineapple jam**. A festive favourite all year round.',
  },
  { name: 'Potato Chips, Sea Salt 150 g', price: 315, quantity: 35, description: 'Thick-cut **kettle chips** with sea salt.' },
  {
    name: 'Dark Chocolate Bar 100 g',
    price: 450,
    quantity: 14,
    description: '**70 % cocoa** dark chocolate. Rich, smooth and not too sweet.',
  },
  {
    name: 'Dishwashing Liquid, Lime 900 ml',
    price: 385,
    quantity: 20,
    description: 'Cuts through **grease** fast. Fresh lime scent, gentle on hands.',
  },
  {
    name: 'Laundry Detergent 2 kg',
    price: 1150,
    quantity: 9,
    description: 'Concentrated **powder** detergent for front- and top-loaders.',
  },
  { name: 'Toilet Rolls (10 pack)', price: 720, quantity: 16, description: 'Soft **3-ply** toilet rolls. Ten rolls of 200 sheets.' },
  {
    name: 'Mosquito Coils (10)',
    price: 260,
    quantity: 5,
    description: 'Keep mosquitoes away for **up to 8 hours** per coil. Use in ventilated areas.',
  },
  {
    name: 'AA Batteries (4 pack)',
    price: 599,
    quantity: 11,
    description: '**Long-lasting** alkaline batteries for remotes, clocks and torches.',
  },
  {
    name: 'Umbrella, Compact',
    price: 890,
    quantity: 1,
    description: 'A **compact folding** umbrella for the afternoon downpour. Fits in any bag.',
  },
]
