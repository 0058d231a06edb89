using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Recipes.Ci.Persistence.Conversions;

/// <summary>Normalises a <see cref="DateTimeOffset"/> to offset zero before it is written.</summary>
internal sealed class UtcOffsetConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(
    value => value.ToUniversalTime(),
    value => value.ToUniversalTime());
