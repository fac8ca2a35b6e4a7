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
}
