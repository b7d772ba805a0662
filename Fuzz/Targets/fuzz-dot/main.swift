import FuzzSupport
import TrustGraphGraphviz

// DOT given to `render`: Graphviz's reader and the attribute filter that keeps
// only what trustgraph writes (layout itself runs in a contained child process).
fuzz { bytes in
    _ = try? GraphvizRenderer.readRestricted(String(decoding: bytes, as: UTF8.self))
}
