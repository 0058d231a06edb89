namespace Workflows.Core.Activities.BuiltIn;

/// <summary>Whether a switch takes the first matching case or every matching case.</summary>
public enum SwitchMode
{
    MatchFirst,
    MatchAny,
}
