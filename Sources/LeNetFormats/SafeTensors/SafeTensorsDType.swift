// MARK: - safetensors element types

/// The element types of the safetensors format (github.com/huggingface/safetensors, `Dtype` in
/// safetensors/src/tensor.rs), with their sizes. Every one is validated (offsets, sizes); lenet-tui
/// decodes only `F32`.
public enum SafeTensorsDType: String, CaseIterable, Sendable {
    /// Boolean, 1 byte.
    case bool = "BOOL"
    /// Unsigned 8-bit integer.
    case u8 = "U8"
    /// Signed 8-bit integer.
    case i8 = "I8"
    /// 8-bit float, 5 exponent and 2 mantissa bits.
    case f8E5M2 = "F8_E5M2"
    /// 8-bit float, 4 exponent and 3 mantissa bits.
    case f8E4M3 = "F8_E4M3"
    /// Signed 16-bit integer.
    case i16 = "I16"
    /// Unsigned 16-bit integer.
    case u16 = "U16"
    /// IEEE half-precision float.
    case f16 = "F16"
    /// bfloat16 (8 exponent, 7 mantissa bits).
    case bf16 = "BF16"
    /// Signed 32-bit integer.
    case i32 = "I32"
    /// Unsigned 32-bit integer.
    case u32 = "U32"
    /// IEEE single-precision float: the one lenet-tui reads and writes.
    case f32 = "F32"
    /// IEEE double-precision float.
    case f64 = "F64"
    /// Signed 64-bit integer.
    case i64 = "I64"
    /// Unsigned 64-bit integer.
    case u64 = "U64"

    /// Bytes per element.
    public var size: Int {
        switch self {
        case .bool, .u8, .i8, .f8E5M2, .f8E4M3: return 1
        case .i16, .u16, .f16, .bf16: return 2
        case .i32, .u32, .f32: return 4
        case .f64, .i64, .u64: return 8
        }
    }
}
