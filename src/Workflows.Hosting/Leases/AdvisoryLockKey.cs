using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Workflows.Hosting.Leases;

/// <summary>
/// The 64-bit PostgreSQL advisory lock key of a lock name: the first eight bytes of the name's SHA-1, read little-endian.
/// That is how DistributedLock.Postgres, which earlier releases used, hashes a name, so during a rolling upgrade nodes
/// of both releases take the same key for the same lock.
/// </summary>
public static class AdvisoryLockKey
{
    [SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms",
        Justification = "A lock key, not a secret: SHA-1 keeps the key earlier releases used.")]
    public static long For(string name) =>
        BinaryPrimitives.ReadInt64LittleEndian(SHA1.HashData(Encoding.UTF8.GetBytes(name)));
}
