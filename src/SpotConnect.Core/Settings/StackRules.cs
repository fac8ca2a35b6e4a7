using SpotConnect.Validation;

namespace SpotConnect.Settings;

/// <summary>The rules of the stack around a link or a rollout (not of the role itself), for the constructs and the CLI alike.</summary>
public static class StackRules
{
    /// <summary>The problem with <paramref name="stackName"/> as a CloudFormation stack name, or <see langword="null"/> (also when none is given).</summary>
    public static ValidationProblem? StackName(string? stackName) =>
        stackName is null ? null : SpotSettings.StackName.Check(stackName);
}
