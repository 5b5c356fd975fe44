// DuckDB side of bench/run: reads the quarterly export files of a folder and
// computes the stand indicators per gemeente and peildatum, with 2 threads.
// Prints one JSON line per gemeente × peildatum on stdout (sorted), and the
// time it took on stderr.
import { DuckDBInstance } from '@duckdb/node-api';

const dir = process.argv[2];
const start = performance.now();
const db = await DuckDBInstance.create(':memory:', { threads: '2' });
const con = await db.connect();
const num = (c) => `try_cast(replace(replace(replace(${c}, '€', ''), '.', ''), ',', '.') as decimal(18,2))`;
const sql = `
with rows as (
  select gemeente,
         strptime(peildatum, '%d-%m-%Y')::date as peil,
         lower(fase) as fase, lower(werkplek) as werkplek,
         try_cast(replace(replace(loonwaarde, '%', ''), ',', '.') as double) as lw,
         strptime(nullif(datum_uitstroom, ''), '%d-%m-%Y')::date as uit,
         ${num('lks_kwartaal')} as lks, ${num('begeleiding_kwartaal')} as beg
  from read_csv('${dir}/*.csv', delim=';', header=true, all_varchar=true)
)
select gemeente, strftime(peil, '%d-%m-%Y') as peildatum,
  count(*) filter (where fase <> 'uitgestroomd') as in_traject,
  count(*) filter (where fase = 'stage') as stage,
  count(*) filter (where fase = 'proefplaatsing') as proefplaatsing,
  count(*) filter (where fase = 'tijdelijk') as tijdelijk,
  count(*) filter (where fase = 'vast') as vast,
  count(*) filter (where fase in ('tijdelijk', 'vast')) as betaald_dienstverband,
  count(*) filter (where fase in ('tijdelijk', 'vast') and werkplek <> 'extern') as dienstverband_konnected,
  round(avg(lw) filter (where fase <> 'uitgestroomd'), 6) as gemiddelde_loonwaarde,
  count(*) filter (where fase = 'uitgestroomd' and uit >= date_trunc('quarter', peil) and uit <= peil) as uitstroom,
  coalesce(sum(lks), 0)::varchar as lks_kwartaal,
  coalesce(sum(beg), 0)::varchar as begeleiding_kwartaal
from rows group by gemeente, peil order by gemeente, peil`;
const reader = await con.runAndReadAll(sql);
const elapsed = (performance.now() - start) / 1000;
const cols = reader.columnNames();
const out = [];
for (const row of reader.getRowsJS()) {
  const o = {};
  cols.forEach((c, i) => { o[c] = typeof row[i] === 'bigint' ? Number(row[i]) : row[i]; });
  out.push(JSON.stringify(o));
}
process.stdout.write(out.join('\n') + '\n');
process.stderr.write(`duckdb ${elapsed.toFixed(3)} s, ${out.length} snapshots\n`);
