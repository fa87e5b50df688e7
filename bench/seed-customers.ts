// A big customer base for the search bench, written fast: raw inserts on the server's own
// connection in one transaction, the way the customer import writes them (cards before the
// customer, foreign keys checked at commit, so the search index's triggers write each entry once),
// the index entries being those the product's own triggers make.
import { withCheckDigit } from '../shared/barcodes.ts';
import { newId } from '../shared/ids.ts';
import { foldForSearch } from '../shared/search-text.ts';
import { seededRandom } from '../prisma/seed/demo.ts';
import { sqliteOf, type Db } from '../server/db/client.ts';
import { sqliteTimestamp, statement } from '../server/db/statements.ts';

/** First names and surnames as shops in the outlet's region have them, with their diacritics, ё and CJK. */
const NAMES: { share: number; first: string[]; last: string[]; latin: boolean; cjk?: boolean }[] = [
  {
    share: 35, latin: true,
    first: ['Jonas', 'Ona', 'Žydrūnė', 'Ąžuolas', 'Rūta', 'Tomas', 'Eglė', 'Mindaugas', 'Laura', 'Darius', 'Agnė', 'Paulius', 'Ieva', 'Marius', 'Greta', 'Lukas', 'Simona', 'Karolis', 'Austėja', 'Rokas', 'Gabija', 'Vytautas', 'Kotryna', 'Justinas', 'Milda', 'Edvinas', 'Emilija', 'Domantas', 'Gintarė', 'Šarūnas'],
    last: ['Kazlauskas', 'Petrauskas', 'Jankauskas', 'Žukauskas', 'Stankevičius', 'Vasiliauskas', 'Butkus', 'Kavaliauskas', 'Paulauskas', 'Urbonas', 'Navickas', 'Balčiūnas', 'Ramanauskas', 'Žilinskas', 'Kairys', 'Mockus', 'Sabaliauskas', 'Gudaitis', 'Jurgaitis', 'Šimkus', 'Adomaitis', 'Lukošius', 'Vaitkus', 'Rimkus', 'Kučinskas', 'Kazlauskienė', 'Petrauskienė', 'Jankauskaitė', 'Stankevičiūtė', 'Butkutė', 'Navickaitė', 'Ramanauskaitė', 'Kairytė', 'Sabaliauskaitė', 'Jurgaitienė', 'Adomaitytė', 'Vaitkutė', 'Žemaitis', 'Šukys', 'Čepulis'],
  },
  {
    share: 25, latin: false,
    first: ['Сергей', 'Мария', 'Алексей', 'Ольга', 'Дмитрий', 'Наталья', 'Галина', 'Иван', 'Татьяна', 'Андрей', 'Людмила', 'Виктор', 'Анна', 'Михаил', 'Валентина', 'Николай', 'Елена', 'Павел', 'Ирина', 'Юрий', 'Светлана', 'Олег', 'Нина', 'Борис', 'Фёдор', 'Артём', 'Пётр', 'Алёна', 'Семён', 'Ксения'],
    last: ['Петров', 'Иванов', 'Смирнов', 'Кузнецов', 'Попов', 'Соколов', 'Лебедев', 'Морозов', 'Волков', 'Новиков', 'Фёдоров', 'Козлов', 'Егоров', 'Павлов', 'Семёнов', 'Голубев', 'Виноградов', 'Богданов', 'Воробьёв', 'Макаров', 'Зайцев', 'Соловьёв', 'Борисов', 'Орлов', 'Киселёв', 'Ёлкина', 'Петрова', 'Иванова', 'Смирнова', 'Кузнецова', 'Соколова', 'Новикова', 'Королёва', 'Зелёная', 'Щукина', 'Медведева', 'Журавлёва', 'Пугачёва', 'Белова', 'Ершова'],
  },
  {
    share: 10, latin: false,
    first: ['Олександр', 'Іван', 'Марія', 'Оксана', 'Андрій', 'Юлія', 'Дмитро', 'Наталія', 'Тарас', 'Ірина', 'Богдан', 'Олена', 'Василь', 'Софія', 'Микола'],
    last: ['Шевченко', 'Коваленко', 'Бондаренко', 'Ткаченко', 'Кравченко', 'Олійник', 'Шевчук', 'Поліщук', 'Бойко', 'Мельник', 'Коваль', 'Савченко', 'Руденко', 'Мороз', 'Лисенко', 'Гнатюк', 'Їжакевич', 'Ґудзь', 'Євтушенко', 'Яковенко'],
  },
  {
    share: 10, latin: true,
    first: ['Andrei', 'Elena', 'Ion', 'Maria', 'Mihai', 'Ioana', 'Ștefan', 'Ana', 'Cătălin', 'Mădălina', 'Răzvan', 'Irina', 'Bogdan', 'Alexandra', 'Tudor'],
    last: ['Popescu', 'Ionescu', 'Ștefănescu', 'Munteanu', 'Rădulescu', 'Constantinescu', 'Dumitrescu', 'Stoica', 'Gheorghiu', 'Niță', 'Țurcanu', 'Bălan', 'Pîrvu', 'Tănase', 'Moldovan', 'Căpraru', 'Lungu', 'Ciobanu', 'Șerban', 'Dragomir'],
  },
  {
    share: 10, latin: false, cjk: true,
    first: ['芳', '伟', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '华', '平', '建国', '志强', '海燕', '晓明', '丹'],
    last: ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗'],
  },
  {
    share: 10, latin: true,
    first: ['John', 'Mary', 'James', 'Patricia', 'Robert', 'Jennifer', 'Michael', 'Linda', 'William', 'Elizabeth', 'David', 'Barbara', 'Richard', 'Susan', 'Joseph'],
    last: ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez', 'Lopez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee'],
  },
];

export interface SeededCustomer {
  name: string;
  first: string;
  last: string;
  phone: string;
  email: string | null;
  card: string;
}

/**
 * Customer number `i` of the big base: a name (surname first in a third of them, as 1C writes
 * them; CJK names written without a space), a mobile phone (a different one for each of up to ten
 * million), an e-mail for half, and a card: an EAN-13 for most, letters and digits ("LT7KQ2M9X") for one in four.
 */
export function seededCustomer(i: number): SeededCustomer {
  const rnd = seededRandom(1_000_003 * (i + 1));
  const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)];
  let roll = rnd() * 100;
  const group = NAMES.find((g) => (roll -= g.share) < 0) ?? NAMES[0];
  const first = pick(group.first);
  const last = pick(group.last);
  const name = group.cjk ? `${last}${first}` : rnd() < 1 / 3 ? `${last} ${first}` : `${first} ${last}`;
  const local = group.latin ? `${foldForSearch(first)}.${foldForSearch(last)}${i % 1000}` : `client${i}`;
  const card = i % 4 === 0 ? `LT${(i * 2_654_435_761 % 36 ** 7).toString(36).toUpperCase().padStart(7, '0')}` : withCheckDigit(`991${String(i).padStart(9, '0')}`);
  return { name, first, last, phone: `+3706${String((i * 7_919 + 1_234_567) % 10_000_000).padStart(7, '0')}`, email: i % 2 === 0 ? `${local}@example.com` : null, card };
}

/**
 * Adds customers numbered `from` to `to` (exclusive) to the outlet's base in one transaction, a
 * thousand rows a statement: the search index's triggers then fire within one statement for all
 * of them, so FTS5 writes its pending entries once per statement rather than once per customer.
 */
export async function seedCustomers(db: Db, outletId: string, from: number, to: number): Promise<void> {
  const sql = sqliteOf(db);
  await db.$transaction(
    async () => {
      statement(sql, 'PRAGMA defer_foreign_keys = ON').run();
      const now = sqliteTimestamp();
      const cards = sql.prepare(`INSERT INTO "CustomerCard" ("code","customerId") SELECT value ->> 0, value ->> 1 FROM json_each(?)`);
      const customers = sql.prepare(
        `INSERT INTO "Customer" ("id","outletId","name","searchName","kind","phone","email","address","notes","createdAt","updatedAt")
         SELECT value ->> 0, @outletId, value ->> 1, value ->> 2, 'person', value ->> 3, value ->> 4, '', '', @now, @now FROM json_each(@rows)`,
      );
      for (let start = from; start < to; start += 1_000) {
        const rows = Array.from({ length: Math.min(1_000, to - start) }, (_, k) => {
          const c = seededCustomer(start + k);
          return { id: newId(), ...c };
        });
        cards.run(JSON.stringify(rows.map((c) => [c.card, c.id])));
        customers.run({ outletId, now, rows: JSON.stringify(rows.map((c) => [c.id, c.name, c.name.toLowerCase(), c.phone, c.email])) });
      }
    },
    { timeout: 3_600_000 },
  );
}
