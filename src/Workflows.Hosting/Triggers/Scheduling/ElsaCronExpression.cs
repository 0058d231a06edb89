using System.Globalization;
using System.Text;
using Quartz;

namespace Workflows.Hosting.Triggers.Scheduling;

/// <summary>
/// Converts Elsa's cron dialect (Cronos, six fields, seconds first: <c>0 0 2 * * *</c>) to Quartz's, which is also
/// seconds-first but wants <c>?</c> in one of day-of-month/day-of-week and numbers Sunday 1 instead of 0.
/// </summary>
public static class ElsaCronExpression
{
    private const int DayOfMonth = 3;
    private const int DayOfWeek = 5;

    /// <summary>The Quartz form of <paramref name="elsaExpression"/>; throws <see cref="FormatException"/> naming the problem.</summary>
    public static string ToQuartz(string elsaExpression)
    {
        var fields = (elsaExpression ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (fields.Length != 6)
            throw new FormatException(
                $"Cron expression '{elsaExpression}' has {fields.Length} fields; Elsa cron has six, seconds first (e.g. '0 0 2 * * *' for 02:00 daily).");

        // Cronos is the engine's own parser (Elsa's too): what it refuses is not an Elsa cron expression.
        try
        {
            Cronos.CronExpression.Parse(elsaExpression!.Trim(), Cronos.CronFormat.IncludeSeconds);
        }
        catch (Cronos.CronFormatException e)
        {
            throw new FormatException($"Cron expression '{elsaExpression}' is not valid: {e.Message}", e);
        }

        fields[DayOfWeek] = ConvertDayOfWeek(fields[DayOfWeek]);
        (fields[DayOfMonth], fields[DayOfWeek]) = ResolveDayConflict(fields[DayOfMonth], fields[DayOfWeek], elsaExpression!);

        var quartz = string.Join(' ', fields);
        if (!CronExpression.TryParse(quartz, CronFormat.Quartz, out _))
            throw new FormatException($"Cron expression '{elsaExpression}' is not valid for the scheduler (as Quartz: '{quartz}').");
        return quartz;
    }

    /// <summary>Quartz allows only one of the two day fields to be specified; the other must be '?'.</summary>
    private static (string DayOfMonth, string DayOfWeek) ResolveDayConflict(string dayOfMonth, string dayOfWeek, string original)
    {
        if (dayOfMonth == "?" || dayOfWeek == "?")
            return (dayOfMonth, dayOfWeek);
        if (dayOfWeek == "*")
            return (dayOfMonth, "?");
        if (dayOfMonth == "*")
            return ("?", dayOfWeek);
        throw new FormatException(
            $"Cron expression '{original}' restricts both day-of-month and day-of-week; the scheduler supports one of them (use '*' in the other).");
    }

    /// <summary>Cronos numbers days 0-7 (0 and 7 Sunday), Quartz 1-7 (1 Sunday); names (MON, SUN) are the same in both.</summary>
    private static string ConvertDayOfWeek(string field)
    {
        var result = new StringBuilder(field.Length);
        var i = 0;
        while (i < field.Length)
        {
            if (!char.IsAsciiDigit(field[i]))
            {
                // A step ("/2") or an nth-weekday ordinal ("#3") is a count, not a day: copy it unchanged.
                if (field[i] is '/' or '#')
                {
                    result.Append(field[i++]);
                    while (i < field.Length && char.IsAsciiDigit(field[i]))
                        result.Append(field[i++]);
                    continue;
                }
                result.Append(field[i++]);
                continue;
            }
            var start = i;
            while (i < field.Length && char.IsAsciiDigit(field[i]))
                i++;
            var day = int.Parse(field.AsSpan(start, i - start), CultureInfo.InvariantCulture);
            if (day > 7)
                throw new FormatException($"Day of week {day} is out of range 0-7.");
            result.Append(((day % 7) + 1).ToString(CultureInfo.InvariantCulture));
        }
        return result.ToString();
    }
}
