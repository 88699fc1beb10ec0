// The Lua scripts of the Redis backend. Each runs on one master, on keys of one slot (declared in
// KEYS, or named from a declared key's hash tag: the record counters and a posting list's overflow
// string share their group's tag), so it is atomic there. Every script is idempotent: running it
// again with the same arguments changes nothing more, which is what lets a batch be retried
// whole after a failover or a crash.

/** Header of a document record (see record.ts): parse and rebuild with struct and cjson. */
const RECORD = `
local function parse(rec)
  local idlen = struct.unpack('>H', rec, 2)
  local hpos = 4 + idlen
  local hlen = struct.unpack('>I4', rec, hpos)
  local h = cjson.decode(string.sub(rec, hpos + 4, hpos + 3 + hlen))
  if type(h.u) ~= 'table' then h.u = {} end
  return h, string.sub(rec, 1, hpos - 1), string.sub(rec, hpos + 4 + hlen)
end
local function build(front, h, body)
  local s = cjson.encode(h)
  return front .. struct.pack('>I4', #s) .. s .. body
end
local function site(h)
  if type(h.s) == 'string' then return h.s end
  return ''
end
`;

/**
 * Creates records or adds URLs to existing ones, counting documents, URLs and postings of the
 * group in the same step. KEYS[1]: the group's counters; KEYS[1+i]: record of document i.
 * ARGV[2i-1]: the record to create ('' when the caller knows it exists), ARGV[2i]: JSON array of
 * URLs it should hold. Returns per document {1 created | 0 existed | -1 missing, URLs added, site}.
 */
export const COMMIT = `${RECORD}
local out = {}
local dd, du, dp = 0, 0, 0
for i = 1, #KEYS - 1 do
  local key = KEYS[i + 1]
  local payload = ARGV[2 * i - 1]
  local urls = cjson.decode(ARGV[2 * i])
  local rec = redis.call('GET', key)
  if not rec then
    if payload == '' then
      out[i] = {-1, 0, ''}
    else
      redis.call('SET', key, payload)
      local h = parse(payload)
      dd = dd + 1
      du = du + #h.u
      dp = dp + (tonumber(h.k) or 0)
      out[i] = {1, #h.u, site(h)}
    end
  else
    local h, front, body = parse(rec)
    local have = {}
    for _, u in ipairs(h.u) do have[u] = true end
    local added = 0
    for _, u in ipairs(urls) do
      if not have[u] then
        table.insert(h.u, u)
        have[u] = true
        added = added + 1
      end
    end
    if added > 0 then
      redis.call('SET', key, build(front, h, body))
      du = du + added
    end
    out[i] = {0, added, site(h)}
  end
end
if dd ~= 0 then redis.call('HINCRBY', KEYS[1], 'd', dd) end
if du ~= 0 then redis.call('HINCRBY', KEYS[1], 'u', du) end
if dp ~= 0 then redis.call('HINCRBY', KEYS[1], 'p', dp) end
return out
`;

/**
 * Deletes records, or takes one URL away from each (deleting a record left with none), counting
 * in the same step. KEYS[1]: counters; KEYS[1+i]: record i. ARGV[i]: '' to delete the record, or
 * the URL to take away. Returns per record {1 deleted | 0 kept, URLs taken away, site}.
 */
export const DELETE = `${RECORD}
local out = {}
local dd, du, dp = 0, 0, 0
for i = 1, #KEYS - 1 do
  local key = KEYS[i + 1]
  local url = ARGV[i]
  local rec = redis.call('GET', key)
  if not rec then
    out[i] = {0, 0, ''}
  else
    local h, front, body = parse(rec)
    local taken = 0
    if url == '' then
      taken = #h.u
      h.u = {}
    else
      for j, u in ipairs(h.u) do
        if u == url then
          table.remove(h.u, j)
          taken = 1
          break
        end
      end
    end
    du = du - taken
    if #h.u == 0 and (url == '' or taken == 1) then
      redis.call('DEL', key)
      dd = dd - 1
      dp = dp - (tonumber(h.k) or 0)
      out[i] = {1, taken, site(h)}
    else
      if taken > 0 then redis.call('SET', key, build(front, h, body)) end
      out[i] = {0, taken, site(h)}
    end
  end
end
if dd ~= 0 then redis.call('HINCRBY', KEYS[1], 'd', dd) end
if du ~= 0 then redis.call('HINCRBY', KEYS[1], 'u', du) end
if dp ~= 0 then redis.call('HINCRBY', KEYS[1], 'p', dp) end
return out
`;

/**
 * Claims numbers for ids not stored yet. KEYS[2i-1]: the id index bucket of id i, KEYS[2i]: its
 * claim bucket; ARGV[2i-1]: the id, ARGV[2i]: a freshly allocated number to claim when the id
 * has none. An id being deleted (negative number) gets its old number back. Returns per id
 * {number, 1 stored | 0 claimed}: a second writer racing for the same id gets the first's claim.
 */
export const CLAIM = `
local out = {}
for i = 1, #ARGV / 2 do
  local id = ARGV[2 * i - 1]
  local v = redis.call('HGET', KEYS[2 * i - 1], id)
  if v and tonumber(v) > 0 then
    out[i] = {tonumber(v), 1}
  else
    local c = redis.call('HGET', KEYS[2 * i], id)
    if not c then
      if v then c = tostring(-tonumber(v)) else c = ARGV[2 * i] end
      redis.call('HSET', KEYS[2 * i], id, c)
    end
    out[i] = {tonumber(c), 0}
  end
end
return out
`;

/** Lists of at most this many bytes (16 numbers) stay in the bucket hash (a compact listpack). */
export const INLINE_BYTES = 64;

const POSTINGS = `
local INLINE = ${INLINE_BYTES}
local function has(s, d)
  local i = 1
  while true do
    local p = string.find(s, d, i, true)
    if not p then return false end
    if (p - 1) % 4 == 0 then return true end
    i = p + 1
  end
end
local function without(s, drop)
  local parts = {}
  for i = 1, #s, 4 do
    local d = string.sub(s, i, i + 3)
    if not drop[d] then parts[#parts + 1] = d end
  end
  return table.concat(parts)
end
`;

/**
 * Adds document numbers to posting lists. KEYS[j]: bucket hashes of one slot; ARGV[j]: the lists
 * to add to in bucket j, packed: per list the field (the key's remainder, 5 bytes), the count of
 * numbers (2 bytes) and the numbers (4 bytes each), all big-endian. One argument per bucket keeps
 * the client's encoding and the script's argument handling cheap. A list growing past
 * INLINE_BYTES moves to its own string (bucket key .. '|' .. field), where appending costs no copy
 * of the list; there only the last 4 KB are searched for repeats (a retried batch repeats its own
 * recent appends), and readers drop any other repeat.
 */
export const ADD_POSTINGS = `${POSTINGS}
for j = 1, #KEYS do
  local b, blob = KEYS[j], ARGV[j]
  local pos = 1
  while pos <= #blob do
    local f = string.sub(blob, pos, pos + 4)
    local n = struct.unpack('>H', blob, pos + 5)
    local docs = string.sub(blob, pos + 7, pos + 6 + 4 * n)
    pos = pos + 7 + 4 * n
    -- Most keys are new to the index: one HSETNX stores them.
    local v = false
    if #docs > INLINE or redis.call('HSETNX', b, f, docs) == 0 then v = redis.call('HGET', b, f) end
    if v == '' then
      local ok = b .. '|' .. f
      local tail = redis.call('GETRANGE', ok, -4096, -1)
      local add = {}
      for i = 1, #docs, 4 do
        local d = string.sub(docs, i, i + 3)
        if not has(tail, d) then add[#add + 1] = d end
      end
      if #add > 0 then redis.call('APPEND', ok, table.concat(add)) end
    elseif v or #docs > INLINE then
      local cur = v or ''
      local add = {}
      for i = 1, #docs, 4 do
        local d = string.sub(docs, i, i + 3)
        if not has(cur, d) then add[#add + 1] = d end
      end
      if #add > 0 then
        cur = cur .. table.concat(add)
        if #cur > INLINE then
          redis.call('SET', b .. '|' .. f, cur)
          redis.call('HSET', b, f, '')
        else
          redis.call('HSET', b, f, cur)
        end
      end
    end
  end
end
return 1
`;

/** Takes document numbers out of posting lists; same arguments as ADD_POSTINGS. */
export const REMOVE_POSTINGS = `${POSTINGS}
for j = 1, #KEYS do
  local b, blob = KEYS[j], ARGV[j]
  local pos = 1
  while pos <= #blob do
    local f = string.sub(blob, pos, pos + 4)
    local n = struct.unpack('>H', blob, pos + 5)
    local docs = string.sub(blob, pos + 7, pos + 6 + 4 * n)
    pos = pos + 7 + 4 * n
    local drop = {}
    for i = 1, #docs, 4 do drop[string.sub(docs, i, i + 3)] = true end
    local v = redis.call('HGET', b, f)
    if v == '' then
      local ok = b .. '|' .. f
      local s = without(redis.call('GET', ok) or '', drop)
      if #s == 0 then
        redis.call('DEL', ok)
        redis.call('HDEL', b, f)
      elseif #s <= INLINE then
        redis.call('DEL', ok)
        redis.call('HSET', b, f, s)
      else
        redis.call('SET', ok, s)
      end
    elseif v then
      local s = without(v, drop)
      if #s == 0 then redis.call('HDEL', b, f) elseif #s ~= #v then redis.call('HSET', b, f, s) end
    end
  end
end
return 1
`;

/**
 * Documents per site, counted once per document number whatever the retries: a bit per number
 * says whether it is counted. KEYS[1]: site counts, KEYS[2]: the bits. ARGV triples: number,
 * site ('' when unknown), +1 or -1.
 */
export const SITES = `
for i = 1, #ARGV, 3 do
  local n, s, delta = tonumber(ARGV[i]), ARGV[i + 1], tonumber(ARGV[i + 2])
  local bit = redis.call('GETBIT', KEYS[2], n)
  if delta > 0 and bit == 0 then
    redis.call('SETBIT', KEYS[2], n, 1)
    redis.call('HINCRBY', KEYS[1], s, 1)
  elseif delta < 0 and bit == 1 then
    redis.call('SETBIT', KEYS[2], n, 0)
    if redis.call('HINCRBY', KEYS[1], s, -1) <= 0 then redis.call('HDEL', KEYS[1], s) end
  end
end
return 1
`;

/**
 * Switches a blob to its new chunks and writes metadata, in one step. KEYS[1]: blob manifests,
 * KEYS[2]: metadata. ARGV: blob name, manifest JSON, then key/value pairs. Returns the manifest
 * it replaced (its chunks are deleted afterwards) or ''.
 */
export const PUT_BLOB = `
local old = redis.call('HGET', KEYS[1], ARGV[1]) or ''
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
for i = 3, #ARGV, 2 do redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1]) end
return old
`;

/**
 * Writes one side of edges. KEYS[1]: the group's counters, KEYS[2]: the group's set of documents
 * with edges, KEYS[2+i]: adjacency hash of document i. ARGV[1]: the edge generation, then per
 * document: its number, the other document's number, and '=' .. payload on the side that owns the
 * edge (the document whose id is the smaller) or '<' on the other. Owned edges are counted.
 */
export const PUT_EDGES = `
local gen = ARGV[1]
local owned = 0
for i = 3, #KEYS do
  local n, other, v = ARGV[3 * (i - 2) - 1], ARGV[3 * (i - 2)], ARGV[3 * (i - 2) + 1]
  local old = redis.call('HGET', KEYS[i], other)
  redis.call('HSET', KEYS[i], other, v)
  redis.call('SADD', KEYS[2], n)
  local was = old and string.sub(old, 1, 1) == '='
  local is = string.sub(v, 1, 1) == '='
  if is and not was then owned = owned + 1 elseif was and not is then owned = owned - 1 end
end
if owned ~= 0 then redis.call('HINCRBY', KEYS[1], 'e' .. gen, owned) end
return 1
`;

/**
 * Drops edges. KEYS as PUT_EDGES. ARGV[1]: the generation, then per adjacency hash: the document's
 * number and the other number to drop, or '*' to drop the whole hash (the document is deleted).
 * Returns, per hash, the numbers it held (for '*': whose other side must go too).
 */
export const DROP_EDGES = `
local gen = ARGV[1]
local owned = 0
local out = {}
for i = 3, #KEYS do
  local n, other = ARGV[2 * (i - 2)], ARGV[2 * (i - 2) + 1]
  local held = {}
  if other == '*' then
    local all = redis.call('HGETALL', KEYS[i])
    for j = 1, #all, 2 do
      held[#held + 1] = all[j]
      if string.sub(all[j + 1], 1, 1) == '=' then owned = owned - 1 end
    end
    redis.call('DEL', KEYS[i])
  else
    local v = redis.call('HGET', KEYS[i], other)
    if v then
      redis.call('HDEL', KEYS[i], other)
      if string.sub(v, 1, 1) == '=' then owned = owned - 1 end
    end
  end
  if redis.call('EXISTS', KEYS[i]) == 0 then redis.call('SREM', KEYS[2], n) end
  out[#out + 1] = held
end
if owned ~= 0 then redis.call('HINCRBY', KEYS[1], 'e' .. gen, owned) end
return out
`;

/** A new generation of edge keys (the old edges are gone at once for readers) and metadata. KEYS[1]: generation, KEYS[2]: metadata. */
export const NEW_EDGE_GENERATION = `
local g = redis.call('INCR', KEYS[1])
for i = 1, #ARGV, 2 do redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1]) end
return g
`;

/** A hash's fields and values, binary-safe (ioredis turns HGETALL into an object with text keys). */
export const HASH_PAIRS = `return redis.call('HGETALL', KEYS[1])`;

export const SCRIPTS = { unspinCommit: COMMIT, unspinDelete: DELETE, unspinClaim: CLAIM, unspinAddPostings: ADD_POSTINGS, unspinRemovePostings: REMOVE_POSTINGS, unspinSites: SITES, unspinPutBlob: PUT_BLOB,
  unspinPutEdges: PUT_EDGES, unspinDropEdges: DROP_EDGES, unspinNewEdgeGeneration: NEW_EDGE_GENERATION, unspinHashPairs: HASH_PAIRS,
} as const;
export type ScriptName = keyof typeof SCRIPTS;
