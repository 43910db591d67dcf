/**
 * Audio fixtures the tests make themselves, of a known duration: a WAV (16-bit PCM tone) and an Ogg
 * Opus file built page by page (OpusHead, OpusTags, then 20 ms packets with granule positions), as a
 * phone voice memo or Discord's voice messages write them.
 */

/** A mono 16-bit PCM WAV of a sine tone lasting `seconds`. */
export function wavTone(seconds: number, options: { sampleRate?: number; hz?: number } = {}): Uint8Array {
  const rate = options.sampleRate ?? 8000;
  const hz = options.hz ?? 440;
  const samples = Math.round(seconds * rate);
  const data = samples * 2;
  const buf = Buffer.alloc(44 + data);
  buf.write("RIFF", 0, "ascii");
  buf.writeUInt32LE(36 + data, 4);
  buf.write("WAVE", 8, "ascii");
  buf.write("fmt ", 12, "ascii");
  buf.writeUInt32LE(16, 16); // fmt chunk size
  buf.writeUInt16LE(1, 20); // PCM
  buf.writeUInt16LE(1, 22); // mono
  buf.writeUInt32LE(rate, 24);
  buf.writeUInt32LE(rate * 2, 28); // byte rate
  buf.writeUInt16LE(2, 32); // block align
  buf.writeUInt16LE(16, 34); // bits per sample
  buf.write("data", 36, "ascii");
  buf.writeUInt32LE(data, 40);
  for (let i = 0; i < samples; i++)
    buf.writeInt16LE(Math.round(Math.sin((2 * Math.PI * hz * i) / rate) * 8000), 44 + i * 2);
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

/** Ogg's CRC-32: polynomial 0x04c11db7, not reflected, initial 0, over the page with its CRC field zeroed. */
const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let r = i << 24;
    for (let k = 0; k < 8; k++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
    t[i] = r >>> 0;
  }
  return t;
})();

function oggCrc(bytes: Uint8Array): number {
  let crc = 0;
  for (const b of bytes) crc = ((crc << 8) ^ (CRC_TABLE[((crc >>> 24) ^ b) & 0xff] ?? 0)) >>> 0;
  return crc;
}

const SERIAL = 0x5354_4152; // "STAR"

/** One Ogg page holding whole packets (each under 255 bytes): flags 2 = first page, 4 = last page. */
function oggPage(packets: Uint8Array[], granule: bigint, sequence: number, flags: number): Buffer {
  const lacing = packets.map((p) => {
    if (p.length >= 255) throw new Error("the fixture writes packets under 255 bytes only");
    return p.length;
  });
  const header = Buffer.alloc(27 + lacing.length);
  header.write("OggS", 0, "ascii");
  header.writeUInt8(0, 4); // version
  header.writeUInt8(flags, 5);
  header.writeBigInt64LE(granule, 6);
  header.writeUInt32LE(SERIAL, 14);
  header.writeUInt32LE(sequence, 18);
  header.writeUInt32LE(0, 22); // CRC, filled below
  header.writeUInt8(lacing.length, 26);
  for (const [i, l] of lacing.entries()) header.writeUInt8(l, 27 + i);
  const page = Buffer.concat([header, ...packets]);
  page.writeUInt32LE(oggCrc(page), 22);
  return page;
}

/** Opus at 48 kHz: 20 ms a packet. */
const SAMPLES_PER_PACKET = 960;
const PRE_SKIP = 312;
/** A 20 ms CELT fullband silent frame (TOC 0xf8, then the silence flag), as Discord bots send. */
const SILENT_FRAME = Uint8Array.from([0xf8, 0xff, 0xfe]);

/** An Ogg Opus stream of silence lasting `seconds` (in 20 ms packets), mono. */
export function oggOpusSilence(seconds: number): Uint8Array {
  const head = Buffer.alloc(19);
  head.write("OpusHead", 0, "ascii");
  head.writeUInt8(1, 8); // version
  head.writeUInt8(1, 9); // channels
  head.writeUInt16LE(PRE_SKIP, 10);
  head.writeUInt32LE(48_000, 12); // input sample rate
  head.writeInt16LE(0, 16); // output gain
  head.writeUInt8(0, 18); // channel mapping family
  const vendor = Buffer.from("star-coach test fixture", "utf8");
  const tags = Buffer.alloc(8 + 4 + vendor.length + 4);
  tags.write("OpusTags", 0, "ascii");
  tags.writeUInt32LE(vendor.length, 8);
  vendor.copy(tags, 12);
  tags.writeUInt32LE(0, 12 + vendor.length); // no comments
  const packets = Math.max(1, Math.round((seconds * 48_000) / SAMPLES_PER_PACKET));
  const pages: Buffer[] = [oggPage([head], 0n, 0, 2), oggPage([tags], 0n, 1, 0)];
  const perPage = 50; // one second a page
  for (let done = 0, seq = 2; done < packets; seq++) {
    const n = Math.min(perPage, packets - done);
    done += n;
    const granule = BigInt(PRE_SKIP + done * SAMPLES_PER_PACKET);
    pages.push(
      oggPage(
        Array.from({ length: n }, () => SILENT_FRAME),
        granule,
        seq,
        done === packets ? 4 : 0,
      ),
    );
  }
  const all = Buffer.concat(pages);
  return new Uint8Array(all.buffer, all.byteOffset, all.byteLength);
}

/** A spoken STAR answer as a transcriber writes it: fillers, a hedge, and figures. */
export const SPOKEN_ANSWER = [
  "Um, so at my last job I was a shift lead in a distribution centre with about 40 pickers,",
  "and late orders were running at, like, 120 a week, which was costing us a key retail account.",
  "My task was to get late orders under 30 a week within two months, without adding headcount.",
  "First I pulled two weeks of scan data from the WMS and, uh, mapped where the pick time went.",
  "I found that 35 percent of walking time was spent on the slowest 200 SKUs, which were stored at the back.",
  "So I re-slotted the top 200 SKUs next to the packing benches, and I changed the wave plan",
  "so that the urgent orders were released first, at six a.m. instead of at nine.",
  "I trained the team leads on the new waves myself and ran a daily ten-minute huddle on the late list.",
  "Basically, after six weeks late orders were down from 120 to 22 a week, and pick rate went from 95",
  "to 128 lines an hour, so we kept the account. I think the main lesson was to look at the data before",
  "adding people, and we still use that huddle today.",
].join(" ");
