import { createClient } from '@libsql/client'
import Database from 'libsql'
import { beforeAll, describe, expect, it } from 'vitest'

import { keepPreparedStatements, MAX_KEPT, selectsStar } from './statementCache'

// A real libsql database through @libsql/client, as Payload's SQLite adapter uses it; the real
// `prepare` underneath is counted.
const prototype = Database.prototype as unknown as { prepare: (sql: string) => unknown }
let prepared: string[] = []
beforeAll(() => {
  const prepare = prototype.prepare
  prototype.prepare = function (this: unknown, sql: string) {
    prepared.push(sql)
    return prepare.call(this, sql)
  }
  keepPreparedStatements()
})

async function database() {
  const client = createClient({ url: ':memory:' })
  await client.execute('create table items (id integer primary key, name text, price integer)')
  for (const [name, price] of [
    ['Kaya Spread', 450],
    ['Soy Sauce', 320],
    ['Green Tea', 500],
  ] as const)
    await client.execute({ sql: 'insert into items (name, price) values (?, ?)', args: [name, price] })
  prepared = []
  return client
}

describe('keepPreparedStatements', () => {
  it('prepares a statement text once, and answers each execution with its own values', async () => {
    const client = await database()
    const byPrice = 'select name from items where price >= ? order by price'
    expect((await client.execute({ sql: byPrice, args: [400] })).rows.map((row) => row.name)).toEqual(['Kaya Spread', 'Green Tea'])
    expect((await client.execute({ sql: byPrice, args: [500] })).rows.map((row) => row.name)).toEqual(['Green Tea'])
    expect((await client.execute({ sql: byPrice, args: [9999] })).rows).toEqual([])
    expect(prepared.filter((sql) => sql === byPrice)).toHaveLength(1)
  })

  it('runs a kept write again (no rows to read) and reads what it wrote', async () => {
    const client = await database()
    const insert = 'insert into items (price, name) values (?, ?)'
    await client.execute({ sql: insert, args: [900, 'Milo Tin'] })
    const second = await client.execute({ sql: insert, args: [250, 'Fish Balls'] })
    expect(Number(second.lastInsertRowid)).toBe(5)
    expect((await client.execute('select count(*) as n from items')).rows[0]!.n).toBe(5)
    expect(prepared.filter((sql) => sql === insert)).toHaveLength(1)
  })

  it('keeps separate statements for separate connections', async () => {
    const [a, b] = [await database(), await database()]
    await a.execute({ sql: 'delete from items where name = ?', args: ['Soy Sauce'] })
    const count = 'select count(*) as n from items'
    expect((await a.execute(count)).rows[0]!.n).toBe(2)
    expect((await b.execute(count)).rows[0]!.n).toBe(3)
  })

  it("follows a schema change: a `*` select returns the new column, a migration's statement is never kept", async () => {
    const client = await database()
    const star = 'select * from items where id = ?'
    expect((await client.execute({ sql: star, args: [1] })).columns).toEqual(['id', 'name', 'price'])
    await client.execute('alter table items add column quantity integer default 7')
    const after = await client.execute({ sql: star, args: [1] })
    expect(after.columns).toEqual(['id', 'name', 'price', 'quantity'])
    expect(after.rows[0]!.quantity).toBe(7)
  })

  it(`stays right past ${MAX_KEPT} distinct statement texts`, async () => {
    const client = await database()
    for (let i = 0; i < MAX_KEPT + 20; i++) {
      const { rows } = await client.execute({ sql: `select name, ${i} as i from items where id = ?`, args: [(i % 3) + 1] })
      expect(rows[0]!.i).toBe(i)
    }
  })
})

describe('selectsStar', () => {
  it('tells a `*` select, whose columns follow the schema, from a count', () => {
    expect(selectsStar('select * from items')).toBe(true)
    expect(selectsStar('select "items".* from "items"')).toBe(true)
    expect(selectsStar('insert into items (name) values (?) returning *')).toBe(true)
    expect(selectsStar('select count(*) from items')).toBe(false)
    // Payload's read of an item with its aisles: a `*` inside a subquery, its own columns as written.
    expect(
      selectsStar(
        'select "id", (select json_group_array("path") from (select * from "items_rels" where "parent_id" = "items"."id")) as "_rels" from "items"',
      ),
    ).toBe(false)
    expect(selectsStar('select "id", "name" from "items" where "price" > ?')).toBe(false)
  })
})
