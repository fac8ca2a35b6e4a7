namespace SpotConnect.Tests.Support;

/// <summary>
/// Temporary folders for the tests: all inside one folder per test run (process), which is deleted when the run
/// ends. A test that can delete its own folder sooner still does; shared files (fixtures' cloud assemblies, state
/// files of static data) go with the run's folder.
/// </summary>
internal static class Scratch
{
    private static readonly Lazy<DirectoryInfo> Run = new(() =>
    {
        var root = Directory.CreateTempSubdirectory("spotconnect-tests-");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Delete(root);
        return root;
    });

    /// <summary>A new empty folder named after <paramref name="prefix"/>, inside the run's folder.</summary>
    public static DirectoryInfo Folder(string prefix) =>
        Directory.CreateDirectory(Path.Combine(Run.Value.FullName, prefix + Guid.NewGuid().ToString("N")[..12]));

    /// <summary>Deletes a folder and everything in it; a folder already gone is fine.</summary>
    public static void Delete(DirectoryInfo folder)
    {
        try
        {
            folder.Refresh();
            if (folder.Exists)
            {
                folder.Delete(recursive: true);
            }
        }
        catch (IOException)
        {
            // Still in use (a child process that outlived its test): the run's folder goes at the end.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
