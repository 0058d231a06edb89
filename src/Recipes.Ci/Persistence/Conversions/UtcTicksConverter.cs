using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Recipes.Ci.Persistence.Conversions;

/// <summary>Stores a <see cref="DateTimeOffset"/> as UTC ticks and reads it back with offset zero.</summary>
internal sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.UtcTicks,
    ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
