import { NextResponse, type NextRequest } from "next/server";

// Runs before routing. An address with a malformed %-escape (/topics/%E0%A4%A)
// would otherwise fail inside Next's parameter decoding as a 500: answer 400.
// (Authorization is never decided here: it is checked in every handler.)
export function proxy(request: NextRequest) {
  try {
    decodeURIComponent(request.nextUrl.pathname);
  } catch {
    return new NextResponse("Bad request: the address holds a malformed %-escape.", {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  return NextResponse.next();
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
