namespace SpotConnect.Cli.Plan;

/// <summary>What a <see cref="PlanRow"/> says, which decides where each rendering puts it.</summary>
internal enum PlanMark
{
    /// <summary>A part's headline: the role, the permissions, a StackSet, … (a line of its own; a row of the Markdown table when it has a value).</summary>
    Head,

    /// <summary>A headline that needs attention: a role replaced or deleted (in bold in Markdown).</summary>
    Alert,

    /// <summary>A value that changes: a setting, a role property (<c>~</c>; a row of the Markdown table).</summary>
    Changed,

    /// <summary>Added: a grant, an AWS managed policy, an account (<c>+</c>; Markdown's collapsed diff).</summary>
    Added,

    /// <summary>Removed (<c>-</c>).</summary>
    Removed,

    /// <summary>A deployed statement that could not be compared (<c>!</c>).</summary>
    NotCompared,

    /// <summary>A warning about the deploy (<c>!</c>; a Markdown alert).</summary>
    Warning,
}
