using SpotConnect.Validation;

namespace SpotConnect.Settings;

/// <summary>The rules of the stack around a link or a rollout (not of the role itself), for the constructs and the CLI alike.</summary>
public static class StackRules
{
    /// <summary>The problem with <paramref name="stackName"/> as a CloudFormation stack name, or <see langword="null"/> (also when none is given).</summary>
    /// <param name="stackName">The stack name, if one is given.</param>
    /// <param name="isDeployTime">
    /// Whether a text is resolved only at deploy time (a CDK token): a stack name cannot be (the deploy names the stack
    /// before CloudFormation reads the template, and the CDK itself refuses it).
    /// </param>
    public static ValidationProblem? StackName(string? stackName, Func<string, bool>? isDeployTime = null) =>
        stackName is null ? null
        : isDeployTime?.Invoke(stackName) == true ? SpotSettings.StackName.Problem(stackName, "must be known at synthesis: the deploy names the stack before CloudFormation reads the template (a deploy-time value cannot).")
        : SpotSettings.StackName.Check(stackName);

    /// <summary>
    /// The problem with deploying as <paramref name="stackName"/>: its own rule, else the one <paramref name="otherStack"/>
    /// finds (a state whose resources stand in another stack); <see langword="null"/> when none, or none is given.
    /// </summary>
    /// <param name="stackName">The stack name, if one is given.</param>
    /// <param name="otherStack">The state's check of another stack than the one it records standing, if there is a state.</param>
    public static ValidationProblem? StackNameProblem(string? stackName, Func<string, ValidationProblem?>? otherStack) =>
        stackName is null ? null : StackName(stackName) ?? otherStack?.Invoke(stackName);
}
