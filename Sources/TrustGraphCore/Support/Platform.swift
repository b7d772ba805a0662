// The platform's C library, imported once for the whole package.
//
// Files of this module, and of every module that imports TrustGraphCore
// (TrustGraphGraphviz, TrustGraphReport, the CLI, the tests), see it without
// a `#if canImport(Glibc)` block of their own: `@_exported` makes the
// import part of this module's interface, as Foundation does with the same
// library. The alternative, one such block per file, was repeated in
// twenty-five files.
//
// Only Linux with glibc is built and tested (see Package.swift); the Darwin
// line is there so that the library's code is not tied to glibc for no reason,
// not a claim that it builds on macOS.
#if canImport(Glibc)
@_exported import Glibc
#elseif canImport(Darwin)
@_exported import Darwin
#endif
