// The endpoints of this sample live in its configuration files.
System.Console.WriteLine("dev server");
