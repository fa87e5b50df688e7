// Realistic goods of a neighbourhood food shop, in English and Russian, for the demo catalogue.

export interface Family {
  category: string;
  tax: 'standard' | 'reduced' | 'zero';
  unit: 'piece' | 'kg';
  /** Price range in minor units (per piece or per kg). */
  price: [number, number];
  names: string[];
  /** Brands or sizes combined with each name for piece goods. */
  variants?: string[];
  discountable?: boolean;
  /** Sold with an in-store price-embedded label rather than a manufacturer barcode. */
  priceLabelled?: boolean;
}

export const CATEGORIES: { code: string; name: string }[] = [
  { code: 'dairy', name: 'Dairy / Молочные продукты' },
  { code: 'bakery', name: 'Bakery / Хлеб' },
  { code: 'produce', name: 'Fruit and vegetables / Овощи и фрукты' },
  { code: 'meat', name: 'Meat and fish / Мясо и рыба' },
  { code: 'grocery', name: 'Grocery / Бакалея' },
  { code: 'drinks', name: 'Drinks / Напитки' },
  { code: 'sweets', name: 'Sweets / Сладости' },
  { code: 'household', name: 'Household / Хозтовары' },
  { code: 'tobacco', name: 'Tobacco / Табак' },
  { code: 'deli', name: 'Deli / Кулинария' },
];

export const FAMILIES: Family[] = [
  { category: 'dairy', tax: 'reduced', unit: 'piece', price: [89, 349], names: ['Молоко 2,5% 1 л', 'Milk 3.5% 1 L', 'Кефир 1% 900 г', 'Ряженка 4% 500 г', 'Сметана 20% 400 г', 'Greek yoghurt 400 g', 'Творог 9% 200 г', 'Butter 82% 200 g', 'Сыр Российский 300 г', 'Cheddar mature 250 g', 'Mozzarella 125 g', 'Йогурт клубничный 125 г', 'Cream 30% 200 ml', 'Сырки глазированные 45 г'], variants: ['Žemaitijos', 'Rokiškio', 'Простоквашино', 'Valio', 'Danone'] },
  { category: 'bakery', tax: 'reduced', unit: 'piece', price: [69, 299], names: ['Хлеб Бородинский 400 г', 'White loaf 500 g', 'Батон нарезной 400 г', 'Rye bread 800 g', 'Croissant butter', 'Булочка с маком', 'Baguette 250 g', 'Пирожок с капустой', 'Lavash 250 g', 'Cinnamon roll'], variants: ['Vilniaus duona', 'Fazer', 'Хлебзавод №1'] },
  { category: 'produce', tax: 'reduced', unit: 'kg', price: [59, 699], names: ['Яблоки Гала', 'Bananas', 'Картофель молодой', 'Tomatoes vine', 'Огурцы', 'Carrots', 'Лук репчатый', 'Oranges', 'Лимоны', 'Grapes white', 'Капуста белокочанная', 'Pears Conference', 'Свёкла', 'Avocado Hass', 'Перец болгарский', 'Mandarins', 'Чеснок', 'Kiwi', 'Кабачки', 'Mushrooms champignon'] },
  { category: 'meat', tax: 'standard', unit: 'kg', price: [399, 2499], names: ['Куриное филе', 'Pork neck', 'Говядина вырезка', 'Minced beef', 'Свиные рёбра', 'Chicken drumsticks', 'Сёмга охлаждённая', 'Cod fillet', 'Скумбрия холодного копчения', 'Turkey breast', 'Колбаса докторская', 'Smoked ham', 'Сало солёное', 'Herring fillet'] },
  { category: 'deli', tax: 'standard', unit: 'kg', price: [499, 1999], names: ['Оливье салат', 'Potato salad', 'Котлеты домашние', 'Cepelinai', 'Винегрет', 'Coleslaw', 'Пельмени ручной лепки', 'Grilled chicken wings'] },
  { category: 'deli', tax: 'standard', unit: 'piece', price: [199, 999], priceLabelled: true, names: ['Сыр весовой (фасованный)', 'Ham sliced (packed)', 'Cake slice (packed)', 'Рыба копчёная (фасованная)', 'Olives mix (packed)', 'Нарезка колбасная', 'Salmon portion (packed)', 'Торт Наполеон (кусок)', 'Cheese plate (packed)', 'Кулебяка (кусок)'] },
  { category: 'grocery', tax: 'standard', unit: 'piece', price: [79, 899], names: ['Гречка 900 г', 'Spaghetti 500 g', 'Рис круглозёрный 1 кг', 'Sunflower oil 1 L', 'Сахар 1 кг', 'Flour wheat 2 kg', 'Соль йодированная 1 кг', 'Oat flakes 500 g', 'Горошек зелёный 400 г', 'Tomato passata 690 g', 'Майонез 67% 400 г', 'Ketchup 500 g', 'Чай чёрный 100 пак.', 'Coffee ground 250 g', 'Кофе растворимый 95 г', 'Honey 400 g', 'Тушёнка говяжья 325 г', 'Tuna in oil 160 g'], variants: ['Мистраль', 'Barilla', 'Heinz', 'Jacobs', 'Greenfield', 'Iki'] },
  { category: 'drinks', tax: 'standard', unit: 'piece', price: [49, 1599], names: ['Вода минеральная 1,5 л', 'Orange juice 1 L', 'Квас 1,5 л', 'Cola 0.5 L', 'Морс клюквенный 1 л', 'Apple juice 2 L', 'Beer lager 0.5 L', 'Вино красное сухое 0,75 л', 'Sparkling water 0.5 L', 'Лимонад Тархун 0,5 л', 'Energy drink 250 ml', 'Kompotas 1 L'], variants: ['Borjomi', 'Vytautas', 'Coca-Cola', 'Švyturys', 'Очаково', 'Cido'] },
  { category: 'sweets', tax: 'standard', unit: 'piece', price: [59, 799], names: ['Шоколад молочный 90 г', 'Dark chocolate 70% 100 g', 'Конфеты Мишка косолапый 200 г', 'Biscuits butter 200 g', 'Пряники тульские', 'Wafers hazelnut', 'Зефир ванильный 250 г', 'Gummy bears 200 g', 'Халва подсолнечная 250 г', 'Ice cream vanilla 500 ml'], variants: ['Рот Фронт', 'Milka', 'Красный Октябрь', 'Rūta', 'Haribo'] },
  { category: 'household', tax: 'standard', unit: 'piece', price: [99, 1299], names: ['Washing-up liquid 500 ml', 'Стиральный порошок 3 кг', 'Toilet paper 8 rolls', 'Губки для посуды 5 шт', 'Kitchen towels 2 rolls', 'Мешки для мусора 35 л', 'Soap bar 90 g', 'Зубная паста 100 мл', 'Shampoo 400 ml', 'Батарейки AA 4 шт'], variants: ['Fairy', 'Ariel', 'Zewa', 'Colgate', 'Duracell'] },
  { category: 'tobacco', tax: 'standard', unit: 'piece', price: [499, 699], discountable: false, names: ['Cigarettes Red 20', 'Сигареты синие 20 шт', 'Cigarettes Silver 20', 'Rolling tobacco 30 g'], variants: ['Marlboro', 'Winston', 'Parliament', 'L&M'] },
];

export const CUSTOMER_NAMES = [
  'Ona Kazlauskienė', 'Jonas Petrauskas', 'Мария Иванова', 'Алексей Смирнов', 'Rūta Jankauskaitė', 'Tomas Žukauskas',
  'Ольга Кузнецова', 'Дмитрий Попов', 'Laura Stankevičiūtė', 'Mindaugas Vasiliauskas', 'Наталья Соколова', 'Сергей Лебедев',
  'Eglė Butkutė', 'Darius Kavaliauskas', 'Галина Петровна Морозова', 'Иван Николаевич Волков', 'Agnė Paulauskaitė', 'Paulius Urbonas',
  'Татьяна Новикова', 'Андрей Фёдоров', 'Ieva Navickaitė', 'Marius Balčiūnas', 'Людмила Козлова', 'Виктор Егоров',
  'Greta Ramanauskaitė', 'Lukas Žilinskas', 'Анна Павлова', 'Михаил Семёнов', 'Simona Kairytė', 'Karolis Mockus',
  'Валентина Голубева', 'Николай Виноградов', 'Austėja Sabaliauskaitė', 'Rokas Gudaitis', 'Елена Богданова', 'Павел Воробьёв',
  'Gabija Jurgaitienė', 'Vytautas Šimkus', 'Ирина Макарова', 'Юрий Зайцев', 'Kotryna Adomaitytė', 'Justinas Lukošius',
  'Светлана Соловьёва', 'Олег Борисов', 'Milda Vaitkutė', 'Edvinas Rimkus', 'Нина Алексеевна Орлова', 'Борис Киселёв',
  'Emilija Petrauskienė', 'Domantas Kučinskas',
];
