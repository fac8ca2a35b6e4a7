using SpotConnect.Validation;

namespace SpotConnect.Hosting;

/// <summary>Removes what an earlier synthesis left, so a failed run never leaves a template that looks current.</summary>
internal static class StaleOutput
{
    public static void Remove(string? outdir, string stackName)
    {
        // Only names that could have produced a template; never a path built from arbitrary input.
        if (string.IsNullOrEmpty(outdir) || InputRules.StackName("stack", stackName) is not null)
        {
            return;
        }

        foreach (var file in new[] { $"{stackName}.template.json", $"{stackName}.assets.json" })
        {
            var path = Path.Combine(outdir, file);
            if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
    }
}
