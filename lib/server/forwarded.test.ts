import { describe, expect, it } from "vitest";
import { CLIENT_ADDRESS_HEADER, applyClientOrigin, clientOrigin, compileTrustedProxies, hstsHeader } from "./forwarded";

const none = compileTrustedProxies(undefined);
const local = compileTrustedProxies("127.0.0.1");
const chain = compileTrustedProxies("127.0.0.1, 10.0.0.0/8, ::1");

function request(socketAddress: string, headers: Record<string, string> = {}, encrypted = false) {
  return { socketAddress, encrypted, headers: { host: "app.internal:3000", ...headers } };
}

const forged = { "x-forwarded-for": "198.51.100.7", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" };

describe("TRUSTED_PROXIES", () => {
  it("takes addresses and CIDR ranges, IPv4 and IPv6", () => {
    expect(local("127.0.0.1", 0)).toBe(true);
    expect(local("127.0.0.2", 0)).toBe(false);
    expect(chain("10.20.30.40", 0)).toBe(true);
    expect(chain("::1", 0)).toBe(true);
    expect(chain("::ffff:127.0.0.1", 0)).toBe(true);
    expect(none("127.0.0.1", 0)).toBe(false);
    expect(compileTrustedProxies(" ")("127.0.0.1", 0)).toBe(false);
  });

  it("names an entry that is neither an address nor a range", () => {
    expect(() => compileTrustedProxies("127.0.0.1, proxy.example")).toThrow(
      '"proxy.example" is not an IP address or CIDR range',
    );
    expect(() => compileTrustedProxies("10.0.0.0/33")).toThrow(/"10\.0\.0\.0\/33" is not an IP address or CIDR range/);
    expect(() => compileTrustedProxies("300.1.1.1")).toThrow(/is not an IP address or CIDR range/);
    expect(() => compileTrustedProxies("loopback")).toThrow(/"loopback" is not/);
  });
});

describe("clientOrigin", () => {
  it("without trusted proxies: the socket's address, the Host header, the socket's scheme; forwarding headers ignored", () => {
    expect(clientOrigin(request("127.0.0.1", forged), none)).toEqual({
      address: "127.0.0.1",
      host: "app.internal:3000",
      proto: "http",
    });
    expect(clientOrigin(request("::ffff:203.0.113.5", forged), none)).toEqual({
      address: "203.0.113.5",
      host: "app.internal:3000",
      proto: "http",
    });
    expect(clientOrigin(request("203.0.113.5", forged, true), none).proto).toBe("https");
  });

  it("a peer that is not a trusted proxy is not believed, even when some proxy is trusted", () => {
    expect(clientOrigin(request("203.0.113.5", forged), local)).toEqual({
      address: "203.0.113.5",
      host: "app.internal:3000",
      proto: "http",
    });
  });

  it("behind a trusted proxy: X-Forwarded-For from the right, skipping trusted proxies; host and scheme as the proxy set them", () => {
    expect(
      clientOrigin(
        request("127.0.0.1", {
          "x-forwarded-for": "198.51.100.7",
          "x-forwarded-host": "statements.example",
          "x-forwarded-proto": "https",
        }),
        local,
      ),
    ).toEqual({
      address: "198.51.100.7",
      host: "statements.example",
      proto: "https",
    });
    // The client put a fake first entry; the proxy appended the real one.
    expect(clientOrigin(request("127.0.0.1", { "x-forwarded-for": "1.2.3.4, 198.51.100.7" }), local).address).toBe(
      "198.51.100.7",
    );
    // Two proxies, both trusted: the first untrusted from the right.
    expect(
      clientOrigin(request("127.0.0.1", { "x-forwarded-for": "1.2.3.4, 198.51.100.7, 10.0.0.2" }), chain).address,
    ).toBe("198.51.100.7");
    // Every entry trusted: the leftmost.
    expect(clientOrigin(request("127.0.0.1", { "x-forwarded-for": "10.0.0.9, 10.0.0.2" }), chain).address).toBe(
      "10.0.0.9",
    );
    // No header: the proxy itself.
    expect(clientOrigin(request("127.0.0.1"), local)).toEqual({
      address: "127.0.0.1",
      host: "app.internal:3000",
      proto: "http",
    });
    // Several values: the nearest proxy's (the last); nonsense is not taken.
    expect(
      clientOrigin(
        request("127.0.0.1", {
          "x-forwarded-host": "evil.example, statements.example",
          "x-forwarded-proto": "http, https",
        }),
        local,
      ),
    ).toMatchObject({ host: "statements.example", proto: "https" });
    expect(
      clientOrigin(
        request("127.0.0.1", { "x-forwarded-host": "evil.example/path", "x-forwarded-proto": "javascript" }),
        local,
      ),
    ).toMatchObject({ host: "app.internal:3000", proto: "http" });
    expect(clientOrigin(request("127.0.0.1", { "x-forwarded-for": "198.51.100.7, unknown" }), local).address).toBe(
      "127.0.0.1",
    );
  });
});

describe("applyClientOrigin", () => {
  it("replaces every forwarding header the client sent, its own x-client-address included", () => {
    const headers: Record<string, string | string[] | undefined> = {
      host: "a",
      ...forged,
      "x-real-ip": "1.1.1.1",
      forwarded: "for=1.1.1.1",
      [CLIENT_ADDRESS_HEADER]: "1.1.1.1",
      "x-forwarded-port": "1",
    };
    applyClientOrigin(headers, { address: "203.0.113.5", host: "a", proto: "http" });
    expect(headers).toEqual({
      host: "a",
      [CLIENT_ADDRESS_HEADER]: "203.0.113.5",
      "x-forwarded-for": "203.0.113.5",
      "x-forwarded-host": "a",
      "x-forwarded-proto": "http",
    });
  });
});

describe("hstsHeader", () => {
  it("is sent only for an https public address", () => {
    expect(hstsHeader("https://statements.example")).toMatch(/^max-age=\d{7,}/);
    expect(hstsHeader("http://statements.example")).toBeNull();
    expect(hstsHeader(undefined)).toBeNull();
  });
});
