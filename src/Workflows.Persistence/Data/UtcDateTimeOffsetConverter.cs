using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Workflows.Persistence.Data;

/// <summary>Converts any <see cref="DateTimeOffset"/> to offset zero (what Npgsql requires for timestamptz).</summary>
internal sealed class UtcDateTimeOffsetConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(
    value => value.ToUniversalTime(),
    value => value);
