console.log("apus");
